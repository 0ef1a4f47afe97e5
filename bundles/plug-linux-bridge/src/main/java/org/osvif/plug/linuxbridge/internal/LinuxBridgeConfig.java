package org.osvif.plug.linuxbridge.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the {@code linux_bridge} plugin, PID {@code org.osvif.plug.linux_bridge}: os-vif's
 * {@code [os_vif_linux_bridge]} options with their names and defaults. (A double underscore in a
 * method name is one underscore in the property name, as Declarative Services maps them.)
 */
@ObjectClassDefinition(name = "osvif linux_bridge plugin",
        description = "os-vif's [os_vif_linux_bridge] options")
public @interface LinuxBridgeConfig {

    /** @return use_ipv6: also apply the IPv6 filter table */
    @AttributeDefinition(name = "use_ipv6", description = "Use IPv6")
    boolean use__ipv6() default false;

    /** @return iptables_top_regex */
    @AttributeDefinition(name = "iptables_top_regex", description = "Regular expression to match the iptables rule"
            + " that should always be on the top.")
    String iptables__top__regex() default "";

    /** @return iptables_bottom_regex */
    @AttributeDefinition(name = "iptables_bottom_regex", description = "Regular expression to match the iptables"
            + " rule that should always be on the bottom.")
    String iptables__bottom__regex() default "";

    /** @return iptables_drop_action */
    @AttributeDefinition(name = "iptables_drop_action", description = "The table that iptables to jump to when a"
            + " packet is to be dropped.")
    String iptables__drop__action() default "DROP";

    /** @return forward_bridge_interface */
    @AttributeDefinition(name = "forward_bridge_interface", description = "An interface that bridges can forward"
            + " to. If this is set to all then all traffic will be forwarded. Can be specified multiple times.")
    String[] forward__bridge__interface() default {"all"};

    /** @return vlan_interface; empty: unset */
    @AttributeDefinition(name = "vlan_interface", description = "VLANs will bridge into this interface if set",
            required = false)
    String vlan__interface() default "";

    /** @return flat_interface; empty: unset */
    @AttributeDefinition(name = "flat_interface", description = "FlatDhcp will bridge into this interface if set",
            required = false)
    String flat__interface() default "";

    /** @return network_device_mtu */
    @AttributeDefinition(name = "network_device_mtu", description = "MTU setting for network interface.")
    int network__device__mtu() default 1500;
}

package org.osvif.plug.linuxbridge.internal;

import java.util.List;

/**
 * The plugin's options as plain values, so that tests and the benchmark make a plugin without a
 * framework; {@link #of(LinuxBridgeConfig)} reads the component's configuration.
 */
record Settings(boolean useIpv6, String iptablesTopRegex, String iptablesBottomRegex, String iptablesDropAction,
        List<String> forwardBridgeInterface, String vlanInterface, String flatInterface, int networkDeviceMtu) {

    /** os-vif's defaults. */
    static final Settings DEFAULTS = new Settings(false, "", "", "DROP", List.of("all"), "", "", 1500);

    static Settings of(LinuxBridgeConfig c) {
        return new Settings(c.use__ipv6(), c.iptables__top__regex(), c.iptables__bottom__regex(),
                c.iptables__drop__action(), List.of(c.forward__bridge__interface()), c.vlan__interface(),
                c.flat__interface(), c.network__device__mtu());
    }

    Settings withFlatInterface(String value) {
        return new Settings(useIpv6, iptablesTopRegex, iptablesBottomRegex, iptablesDropAction, forwardBridgeInterface,
                vlanInterface, value, networkDeviceMtu);
    }

    Settings withVlanInterface(String value) {
        return new Settings(useIpv6, iptablesTopRegex, iptablesBottomRegex, iptablesDropAction, forwardBridgeInterface,
                value, flatInterface, networkDeviceMtu);
    }
}

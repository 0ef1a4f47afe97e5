package org.osvif.plug.ovs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The options of os-vif's {@code [os_vif_ovs]} group, under the PID {@code org.osvif.plug.ovs}
 * with the same keys (a double underscore in a method name is an underscore in the key).
 */
@ObjectClassDefinition(id = "org.osvif.plug.ovs", name = "os-vif ovs plugin")
@interface OvsConfig {

    @AttributeDefinition(description = "MTU setting for network interface.")
    int network__device__mtu() default 1500;

    @AttributeDefinition(description = "Amount of time, in seconds, that an OVSDB transaction may take, "
            + "waiting for ovs-vswitchd included. 0 is to wait forever.")
    int ovs__vsctl__timeout() default 120;

    @AttributeDefinition(description = "The connection string for the OVSDB backend: unix:PATH or tcp:HOST:PORT.")
    String ovsdb__connection() default "tcp:127.0.0.1:6640";

    @AttributeDefinition(description = "The interface for interacting with the OVSDB. Only 'native' "
            + "(the OVSDB protocol) exists here; os-vif's deprecated 'vsctl' is refused.",
            options = @Option(label = "native", value = "native"))
    String ovsdb__interface() default "native";

    @AttributeDefinition(description = "Controls if VIF should be isolated when plugged to the ovs bridge "
            + "(dead VLAN 4095). This should only be set to True when using the neutron ovs ml2 agent.")
    boolean isolate__vif() default false;

    @AttributeDefinition(description = "Controls if VIF should be plugged into a per-port bridge. Experimental.")
    boolean per__port__bridge() default false;

    @AttributeDefinition(description = "QoS type (os-vif master) for new ports on the system datapath: "
            + "linux-htb, linux-hfsc, linux-sfq, linux-codel, linux-fq_codel, linux-noop. Empty (the default) "
            + "creates no QoS row, as os-vif 3.0.0.")
    String default__qos__type() default "";

    @AttributeDefinition(description = "osvif only: after each transaction wait (up to ovs_vsctl_timeout) for "
            + "ovs-vswitchd to apply it, as os-vif's native driver does. false returns as soon as OVSDB committed.")
    boolean wait__for__vswitchd() default true;

    @AttributeDefinition(description = "osvif only: the most VIFs in one OVSDB transaction. Plugs and unplugs "
            + "in flight at the same time (one batch call, or concurrent callers) are committed together, with "
            + "one wait for ovs-vswitchd, up to this many at once.")
    int batch__max() default Settings.MAX_BATCH;
}

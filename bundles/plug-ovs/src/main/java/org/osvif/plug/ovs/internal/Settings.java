package org.osvif.plug.ovs.internal;

import java.time.Duration;
import java.util.Set;

/**
 * The plugin's checked configuration.
 *
 * @param networkDeviceMtu {@code network_device_mtu}
 * @param timeout {@code ovs_vsctl_timeout} (0: a very long time)
 * @param connection {@code ovsdb_connection}
 * @param isolateVif {@code isolate_vif}
 * @param perPortBridge {@code per_port_bridge}
 * @param qosType {@code default_qos_type}, or {@code null}
 * @param waitForVswitchd {@code wait_for_vswitchd}
 * @param maxBatch {@code batch_max}
 */
record Settings(long networkDeviceMtu, Duration timeout, String connection, boolean isolateVif,
        boolean perPortBridge, String qosType, boolean waitForVswitchd, int maxBatch) {

    /** The default of {@code batch_max} (see docs/batching.md for how it was chosen). */
    static final int MAX_BATCH = 256;

    Settings(long networkDeviceMtu, Duration timeout, String connection, boolean isolateVif, boolean perPortBridge,
            String qosType) {
        this(networkDeviceMtu, timeout, connection, isolateVif, perPortBridge, qosType, true);
    }

    Settings(long networkDeviceMtu, Duration timeout, String connection, boolean isolateVif, boolean perPortBridge,
            String qosType, boolean waitForVswitchd) {
        this(networkDeviceMtu, timeout, connection, isolateVif, perPortBridge, qosType, waitForVswitchd, MAX_BATCH);
    }

    static final Set<String> QOS_TYPES = Set.of("linux-htb", "linux-hfsc", "linux-sfq", "linux-codel",
            "linux-fq_codel", "linux-noop");

    static Settings of(OvsConfig c) {
        if (!"native".equals(c.ovsdb__interface())) {
            throw new IllegalArgumentException("org.osvif.plug.ovs: ovsdb_interface '" + c.ovsdb__interface()
                    + "' is not supported; only 'native' (OVSDB spoken directly) is");
        }
        if (c.ovs__vsctl__timeout() < 0) {
            throw new IllegalArgumentException("org.osvif.plug.ovs: ovs_vsctl_timeout must be >= 0");
        }
        String qos = c.default__qos__type() == null || c.default__qos__type().isEmpty() ? null : c.default__qos__type();
        if (qos != null && !QOS_TYPES.contains(qos)) {
            throw new IllegalArgumentException("org.osvif.plug.ovs: default_qos_type '" + qos + "' is not one of "
                    + new java.util.TreeSet<>(QOS_TYPES));
        }
        if (c.batch__max() < 1) {
            throw new IllegalArgumentException("org.osvif.plug.ovs: batch_max must be >= 1, got " + c.batch__max());
        }
        Duration t = c.ovs__vsctl__timeout() == 0 ? Duration.ofDays(365) : Duration.ofSeconds(c.ovs__vsctl__timeout());
        return new Settings(c.network__device__mtu(), t, c.ovsdb__connection(), c.isolate__vif(),
                c.per__port__bridge(), qos, c.wait__for__vswitchd(), c.batch__max());
    }
}

package org.osvif.plug.ovs.internal;

/**
 * The device and port names os-vif derives from a VIF's id, in one place for plug and unplug:
 * a prefix and the id, cut to Linux's 14 characters (patch ports, which are no devices, to 64).
 *
 * @param vifId the VIF's id
 */
record PortNames(String vifId) {

    static String cut(String prefix, String id, int max) {
        String s = prefix + id;
        return s.length() > max ? s.substring(0, max) : s;
    }

    private String dev(String prefix) {
        return cut(prefix, vifId, OvsPlugin.NIC_NAME_LEN);
    }

    /** @return the hybrid plug's Linux bridge */
    String qbr() {
        return dev("qbr");
    }

    /** @return the veth end in the Linux bridge */
    String qvb() {
        return dev("qvb");
    }

    /** @return the veth end in the OVS bridge */
    String qvo() {
        return dev("qvo");
    }

    /** @return the vhost-user port */
    String vhu() {
        return dev("vhu");
    }

    /** @return the DPDK VF representor port */
    String vfr() {
        return dev("vfr");
    }

    /** @return the per-port bridge */
    String pb() {
        return dev("pb");
    }

    /** @return the per-port bridge's patch port */
    String pbp() {
        return cut("pbp", vifId, 64);
    }

    /** @return the integration bridge's patch port */
    String ibp() {
        return cut("ibp", vifId, 64);
    }
}

package org.osvif.netlink;

/**
 * A network device as the kernel reports it ({@code RTM_NEWLINK}).
 *
 * @param index the ifindex
 * @param name the device name
 * @param kind the link kind ({@code bridge}, {@code veth}, {@code tun}, {@code vlan}, ...), or
 *        null for a device without one (a physical NIC, {@code lo})
 * @param up whether the administrative flag {@code IFF_UP} is set
 * @param operState the operational state, as {@code ip} prints it ({@code UP}, {@code DOWN},
 *        {@code UNKNOWN}, ...)
 * @param mtu the MTU
 * @param mac the hardware address as {@code aa:bb:cc:dd:ee:ff}, or null
 * @param linkIndex the ifindex of the device it is tied to ({@code IFLA_LINK}: a veth's peer, a
 *        VLAN's parent), or 0
 * @param masterIndex the ifindex of the master (bridge), or 0 for none
 * @param master the master's name, or null for none
 * @param bridge for a bridge, the attributes os-vif sets; null for other kinds
 */
public record Link(int index, String name, String kind, boolean up, String operState, int mtu, String mac,
        int linkIndex, int masterIndex, String master, BridgeAttributes bridge) {

    /**
     * The bridge attributes os-vif sets when it creates a bridge.
     *
     * @param forwardDelay {@code IFLA_BR_FORWARD_DELAY}, in hundredths of a second
     * @param stpState {@code IFLA_BR_STP_STATE}: 0 off
     * @param multicastSnooping {@code IFLA_BR_MCAST_SNOOPING}: 0 off
     * @param ageingTime {@code IFLA_BR_AGEING_TIME}, in hundredths of a second
     */
    public record BridgeAttributes(long forwardDelay, long stpState, long multicastSnooping, long ageingTime) {
    }
}

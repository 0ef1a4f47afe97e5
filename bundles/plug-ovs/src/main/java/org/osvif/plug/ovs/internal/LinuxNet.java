package org.osvif.plug.ovs.internal;

/**
 * The Linux side of plugging (os-vif's {@code vif_plug_ovs.linux_net} and {@code ip_lib}),
 * implemented over the netlink bundle by {@link NetlinkLinuxNet}. Failures are unchecked
 * ({@code NetlinkException}, naming the device and the errno), as the netlink bundle raises them.
 */
interface LinuxNet {

    /** @return whether the network device exists */
    boolean exists(String dev);

    /** Sets a device's MTU if the device exists ({@code set_device_mtu}). */
    void setMtu(String dev, long mtu);

    /** Sets a device up or down ({@code set_interface_state}); a missing device is an error, as in os-vif. */
    void setState(String dev, boolean up);

    /** Deletes a device if it exists ({@code delete_net_dev}). */
    void delete(String dev);

    /** A Linux bridge with ageing 0, IPv6 off, ARP filtering, up ({@code ensure_bridge}). */
    void ensureBridge(String bridge);

    /** A veth pair, up, with the MTU, replacing devices of those names ({@code create_veth_pair}; promiscuous mode as os-vif leaves it). */
    void createVethPair(String dev1, String dev2, long mtu);

    /** Enslaves a device to a bridge ({@code add_bridge_port}). */
    void addBridgePort(String bridge, String dev);

    /** Deletes a bridge if it exists and sets {@code dev} down if it exists ({@code delete_bridge}). */
    void deleteBridge(String bridge, String dev);

    /** A persistent tap with MAC and MTU, multiqueue if asked (master's {@code create_tap}). */
    void createTap(String dev, long mtu, String mac, boolean multiqueue);
}

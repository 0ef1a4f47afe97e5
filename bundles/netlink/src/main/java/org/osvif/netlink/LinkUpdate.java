package org.osvif.netlink;

/**
 * Changes to one device, sent as one {@code RTM_NEWLINK} request (as {@code ip link set dev X
 * master B up mtu M} does). Unset fields are left as they are.
 */
public final class LinkUpdate {

    Boolean up;
    Boolean promisc;
    Integer mtu;
    String mac;
    String master;
    Integer masterIndex;
    boolean noMaster;
    final java.util.TreeMap<Integer, Integer> ipv4Conf = new java.util.TreeMap<>();

    /** {@code IPV4_DEVCONF_ARP_ANNOUNCE}: {@code net.ipv4.conf.<dev>.arp_announce}. */
    public static final int IPV4_ARP_ANNOUNCE = 18;
    /** {@code IPV4_DEVCONF_ARP_IGNORE}: {@code net.ipv4.conf.<dev>.arp_ignore}. */
    public static final int IPV4_ARP_IGNORE = 19;

    /** @return an update that changes nothing yet */
    public static LinkUpdate create() {
        return new LinkUpdate();
    }

    /** @return this, setting the device administratively up */
    public LinkUpdate up() {
        up = Boolean.TRUE;
        return this;
    }

    /** @param value administratively up or down @return this */
    public LinkUpdate up(boolean value) {
        up = value;
        return this;
    }

    /** @return this, setting the device administratively down */
    public LinkUpdate down() {
        up = Boolean.FALSE;
        return this;
    }

    /** @param value promiscuous mode on or off ({@code IFF_PROMISC}) @return this */
    public LinkUpdate promisc(boolean value) {
        promisc = value;
        return this;
    }

    /** @return whether it changes promiscuous mode, and to what (null: unchanged) */
    public Boolean promiscState() {
        return promisc;
    }

    /** @param value the MTU @return this */
    public LinkUpdate mtu(int value) {
        mtu = value;
        return this;
    }

    /** @param value the hardware address, {@code aa:bb:cc:dd:ee:ff} @return this */
    public LinkUpdate mac(String value) {
        mac = value;
        return this;
    }

    /** @param bridge the master device's name @return this */
    public LinkUpdate master(String bridge) {
        master = bridge;
        masterIndex = null;
        noMaster = false;
        return this;
    }

    /**
     * The master by ifindex, as a {@link NetlinkBatch} needs it (since 1.2).
     *
     * @param index the master device's ifindex (positive)
     * @return this
     */
    public LinkUpdate masterIndex(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("master ifindex must be positive, got " + index);
        }
        masterIndex = index;
        master = null;
        noMaster = false;
        return this;
    }

    /** @return the master's ifindex to set, or null (since 1.2) */
    public Integer masterIndexValue() {
        return masterIndex;
    }

    /** @return this, releasing the device from its master */
    public LinkUpdate noMaster() {
        master = null;
        masterIndex = null;
        noMaster = true;
        return this;
    }

    /**
     * Sets a per-device IPv4 setting in the same request ({@code IFLA_AF_SPEC}/{@code AF_INET}),
     * as writing {@code /proc/sys/net/ipv4/conf/<dev>/<name>} does.
     *
     * @param key an {@code IPV4_DEVCONF_*} number, e.g. {@link #IPV4_ARP_IGNORE}
     * @param value its value
     * @return this
     */
    public LinkUpdate ipv4Conf(int key, int value) {
        ipv4Conf.put(key, value);
        return this;
    }

    /** @return this, with os-vif's ARP filtering: arp_ignore 1, arp_announce 2 */
    public LinkUpdate arpFiltering() {
        return ipv4Conf(IPV4_ARP_IGNORE, 1).ipv4Conf(IPV4_ARP_ANNOUNCE, 2);
    }

    /** @return the IPv4 settings to set, by {@code IPV4_DEVCONF_*} number */
    public java.util.Map<Integer, Integer> ipv4ConfValues() {
        return java.util.Collections.unmodifiableMap(ipv4Conf);
    }

    /** @return whether it changes the administrative state, and to what (null: unchanged) */
    public Boolean upState() {
        return up;
    }

    /** @return the MTU to set, or null */
    public Integer mtuValue() {
        return mtu;
    }

    /** @return the hardware address to set, or null */
    public String macValue() {
        return mac;
    }

    /** @return the master to set, or null */
    public String masterName() {
        return master;
    }

    /** @return whether the device is released from its master */
    public boolean releasesMaster() {
        return noMaster;
    }
}

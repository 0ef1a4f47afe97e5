package org.osvif.netlink;

import java.net.InetAddress;

/**
 * A route ({@code RTM_NEWROUTE}).
 *
 * @param ipv6 whether it is an IPv6 route
 * @param destination the destination network, or null for the default route
 * @param destinationLength the destination prefix length (0 for the default route)
 * @param gateway the next hop, or null for a directly connected route
 * @param device the output device's name, or null: when adding, the kernel then picks the
 *        device that reaches the gateway
 * @param table the routing table (254 main)
 * @param protocol who installed it (2 kernel, 3 boot, 4 static)
 * @param scope 0 universe, 253 link, 254 host
 * @param type 1 unicast, 2 local, ...
 * @param priority the metric, or null
 * @param preferredSource the preferred source address, or null
 */
public record Route(boolean ipv6, InetAddress destination, int destinationLength, InetAddress gateway,
        String device, int table, int protocol, int scope, int type, Integer priority,
        InetAddress preferredSource) {

    /** The main routing table. */
    public static final int MAIN_TABLE = 254;

    /**
     * @param destination {@code default} or a network in CIDR notation
     * @param gateway the next hop, or null
     * @param device the output device, or null
     * @return a static unicast route in the main table, scope universe when it has a gateway
     *         else link
     */
    public static Route of(String destination, String gateway, String device) {
        InetAddress dst = null;
        int len = 0;
        if (!destination.equals("default")) {
            Address a = Address.of(destination.contains("/") ? destination
                    : destination + (destination.contains(":") ? "/128" : "/32"));
            dst = a.local();
            len = a.prefixLength();
        }
        InetAddress gw = gateway == null ? null : Address.ip(gateway);
        boolean v6 = dst != null ? dst.getAddress().length == 16 : gw != null && gw.getAddress().length == 16;
        return new Route(v6, dst, len, gw, device, MAIN_TABLE, 3, gw == null ? 253 : 0, 1, null, null);
    }

    /** @return the same route on another device, or with none ({@code null}) */
    public Route withDevice(String newDevice) {
        return new Route(ipv6, destination, destinationLength, gateway, newDevice, table, protocol, scope, type,
                priority, preferredSource);
    }

    /** @return the destination as {@code ip route} prints it: {@code default} or CIDR */
    public String destinationText() {
        return destination == null ? "default" : Address.text(destination) + "/" + destinationLength;
    }
}

package org.osvif.netlink;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.osgi.annotation.versioning.ProviderType;
import org.osvif.netlink.internal.RtNetlink;

/**
 * rtnetlink in one network namespace, over one persistent {@code AF_NETLINK} socket. Safe for
 * concurrent use: requests are serialized on the socket and each reply is matched to its request
 * by sequence number. Device names are checked as the kernel checks them (at most 15 bytes, no
 * {@code /}, {@code :} or white space) before anything is sent. A refused request throws
 * {@link NetlinkException}; a device that does not exist gives {@code ENODEV}.
 *
 * <p>The container registers one for the host's namespace as a service. Tests and tools open
 * their own: {@link #open()} for the caller's namespace, {@link #open(String)} for a named
 * namespace ({@code ip netns add NAME}).
 */
@ProviderType
public interface Netlink extends AutoCloseable {

    /** IFNAMSIZ - 1: the longest device name the kernel takes. */
    int MAX_NAME_LENGTH = 15;

    /** @return a connection in the calling thread's network namespace */
    static Netlink open() {
        return RtNetlink.open(null);
    }

    /**
     * Opens a connection inside the named namespace {@code /var/run/netns/NAME}: a dedicated
     * thread joins it ({@code setns}) and makes every request, sysctl write and
     * {@link #inNamespace} call, so the caller's threads stay where they are.
     *
     * @param namespace the name given to {@code ip netns add}
     * @return the connection
     */
    static Netlink open(String namespace) {
        return RtNetlink.open(namespace);
    }

    /**
     * @param name a device name
     * @return the device, or empty when there is none of that name
     */
    Optional<Link> link(String name);

    /** @return every device of the namespace */
    List<Link> links();

    /**
     * Creates a bridge with os-vif's attributes: forward delay 0, STP off, multicast snooping off.
     *
     * @param name the bridge's name
     * @throws NetlinkException {@code EEXIST} when a device of that name exists
     */
    void createBridge(String name);

    /**
     * Creates the bridge as {@link #createBridge} does unless a device of that name exists.
     *
     * @param name the bridge's name
     * @return true if it was created, false if it existed
     * @throws NetlinkException when a device of that name exists and is not a bridge
     *         ({@code EEXIST}), or it cannot be created
     */
    boolean ensureBridge(String name);

    /**
     * Creates a bridge as {@link #createBridge(String)} does, with a MAC ageing time (os-vif's ovs
     * plugin creates its hybrid-plug bridges with ageing 0).
     *
     * @param name the bridge's name
     * @param ageingTime {@code IFLA_BR_AGEING_TIME}, in hundredths of a second
     * @throws NetlinkException {@code EEXIST} when a device of that name exists
     */
    void createBridge(String name, long ageingTime);

    /**
     * @param name one end
     * @param peer the other end
     * @throws NetlinkException {@code EEXIST} when either exists
     */
    void createVethPair(String name, String peer);

    /**
     * Creates the pair unless {@code name} exists as a veth whose peer is {@code peer}.
     *
     * @return true if created
     * @throws NetlinkException {@code EEXIST} when a device of either name exists otherwise
     */
    boolean ensureVethPair(String name, String peer);

    /**
     * @param name the VLAN device's name
     * @param parent the device it is on
     * @param vlanId the 802.1Q VLAN id, 1..4094
     * @throws NetlinkException {@code ENODEV} naming the parent when it does not exist;
     *         {@code EOPNOTSUPP} when the kernel lacks the {@code vlan} kind (8021q)
     */
    void createVlan(String name, String parent, int vlanId);

    /**
     * Creates a persistent TAP device ({@code IFF_TAP|IFF_NO_PI}, {@code TUNSETPERSIST}) through
     * {@code /dev/net/tun}.
     *
     * @param name the device's name
     */
    void createTap(String name);

    /**
     * Creates a persistent TAP device as {@link #createTap(String)} does, with
     * {@code IFF_MULTI_QUEUE} when asked.
     *
     * @param name the device's name
     * @param multiqueue whether the device has multiple queues
     */
    void createTap(String name, boolean multiqueue);

    /**
     * @param name a device
     * @throws NetlinkException {@code ENODEV} when it does not exist
     */
    void deleteLink(String name);

    /**
     * Applies the changes in one request.
     *
     * @param name the device
     * @param update what to change
     */
    void update(String name, LinkUpdate update);

    /** @param name a device @param up administratively up or down */
    default void setUp(String name, boolean up) {
        update(name, up ? LinkUpdate.create().up() : LinkUpdate.create().down());
    }

    /** @param name a device @param mtu its new MTU */
    default void setMtu(String name, int mtu) {
        update(name, LinkUpdate.create().mtu(mtu));
    }

    /** @param name a device @param mac its new hardware address */
    default void setMac(String name, String mac) {
        update(name, LinkUpdate.create().mac(mac));
    }

    /** @param name a device @param master the bridge to enslave it to */
    default void setMaster(String name, String master) {
        update(name, LinkUpdate.create().master(master));
    }

    /** @param name a device to release from its master */
    default void setNoMaster(String name) {
        update(name, LinkUpdate.create().noMaster());
    }

    /**
     * Starts a batch of link requests to send pipelined on this connection's socket (since 1.2).
     *
     * @return an empty batch
     */
    NetlinkBatch batch();

    /**
     * @param device a device
     * @return its IPv4 and IPv6 addresses
     */
    List<Address> addresses(String device);

    /** @param device a device @param address the address to add */
    void addAddress(String device, Address address);

    /** @param device a device @param address the address to remove */
    void deleteAddress(String device, Address address);

    /**
     * @param device a device, or null for all
     * @return the IPv4 and IPv6 routes of every table whose output device is {@code device}
     */
    List<Route> routes(String device);

    /** @param route the route to add */
    void addRoute(Route route);

    /** @param route the route to remove */
    void deleteRoute(Route route);

    /**
     * Writes {@code /proc/sys/net/<path>} in this namespace if it exists, as os-vif does
     * (it writes per-device files only when they exist).
     *
     * @param path below {@code /proc/sys/net/}, e.g. {@code ipv6/conf/br1/disable_ipv6}
     * @param value what to write
     * @return whether the file existed
     */
    boolean writeSysctl(String path, String value);

    /**
     * Reads {@code /proc/sys/net/<path>} in this namespace.
     *
     * @param path below {@code /proc/sys/net/}
     * @return the value without the line end, or empty when the file does not exist
     */
    Optional<String> readSysctl(String path);

    /**
     * os-vif's {@code _disable_ipv6}: {@code ipv6/conf/<dev>/disable_ipv6 = 1} where it exists.
     *
     * @param device a device
     */
    default void disableIpv6(String device) {
        writeSysctl("ipv6/conf/" + checkName(device) + "/disable_ipv6", "1");
    }

    /**
     * os-vif's {@code _arp_filtering}: {@code arp_ignore = 1}, {@code arp_announce = 2} (through
     * netlink, which sets the same per-device values the files show; see
     * {@link LinkUpdate#arpFiltering()} to do it in the same request as other changes).
     *
     * @param device a device
     */
    default void arpFiltering(String device) {
        update(device, LinkUpdate.create().arpFiltering());
    }

    /**
     * Runs code in this connection's namespace (for a named namespace, on its thread), e.g. to
     * start a process that must see the namespace's devices.
     *
     * @param <T> the result type
     * @param task what to run
     * @return its result
     * @throws Exception what it threw
     */
    <T> T inNamespace(Callable<T> task) throws Exception;

    /** Closes the socket (and for a named namespace, its thread). */
    @Override
    void close();

    /**
     * Checks a device name as the kernel's {@code dev_valid_name} does.
     *
     * @param name a device name
     * @return the name
     * @throws NetlinkException {@code EINVAL} saying what is wrong with it
     */
    static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new NetlinkException("device name", null, NetlinkException.Errno.EINVAL, "empty device name");
        }
        int bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_LENGTH) {
            throw new NetlinkException("device name", name, NetlinkException.Errno.EINVAL, "device name is " + bytes
                    + " bytes long; Linux takes at most " + MAX_NAME_LENGTH);
        }
        if (name.equals(".") || name.equals("..")) {
            throw new NetlinkException("device name", name, NetlinkException.Errno.EINVAL, "not a device name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
                throw new NetlinkException("device name", name, NetlinkException.Errno.EINVAL,
                        "a device name may not contain '/', ':' or white space");
            }
        }
        return name;
    }
}

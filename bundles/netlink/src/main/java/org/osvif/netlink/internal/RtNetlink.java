package org.osvif.netlink.internal;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

import org.osvif.netlink.Address;
import org.osvif.netlink.Link;
import org.osvif.netlink.LinkUpdate;
import org.osvif.netlink.Netlink;
import org.osvif.netlink.NetlinkBatch;
import org.osvif.netlink.NetlinkException;
import org.osvif.netlink.NetlinkException.Errno;
import org.osvif.netlink.Route;

/**
 * {@link Netlink} over one {@link NlSocket}. In the caller's namespace every call runs on the
 * calling thread (the socket serializes requests); in a named namespace every call runs on one
 * thread that joined it, because a socket, a {@code /proc/sys/net} file and a started process
 * all belong to the namespace of the thread that makes them.
 */
public class RtNetlink implements Netlink {

    private static final int RTM_NEWLINK = 16;
    private static final int RTM_DELLINK = 17;
    private static final int RTM_GETLINK = 18;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_DELADDR = 21;
    private static final int RTM_GETADDR = 22;
    private static final int RTM_NEWROUTE = 24;
    private static final int RTM_DELROUTE = 25;
    private static final int RTM_GETROUTE = 26;

    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_LINK = 5;
    private static final int IFLA_MASTER = 10;
    private static final int IFLA_OPERSTATE = 16;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_EXT_MASK = 29;
    private static final int IFLA_AF_SPEC = 26;
    private static final int IFLA_INET_CONF = 1;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;
    private static final int IFLA_BR_FORWARD_DELAY = 1;
    private static final int IFLA_BR_AGEING_TIME = 4;
    private static final int IFLA_BR_STP_STATE = 5;
    private static final int IFLA_BR_MCAST_SNOOPING = 23;
    private static final int VETH_INFO_PEER = 1;
    private static final int IFLA_VLAN_ID = 1;
    private static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;
    private static final int IFF_UP = 1;
    private static final int IFF_PROMISC = 0x100;
    private static final short IFF_TAP_NO_PI = 0x1002;
    private static final short IFF_MULTI_QUEUE = 0x0100;

    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_LABEL = 3;
    private static final int IFA_BROADCAST = 4;
    private static final int IFA_FLAGS = 8;

    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RTA_PRIORITY = 6;
    private static final int RTA_PREFSRC = 7;
    private static final int RTA_TABLE = 15;

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final long TUNSETIFF = 0x400454caL;
    private static final long TUNSETPERSIST = 0x400454cbL;

    private static final String[] OPER_STATES = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING",
        "DORMANT", "UP"};

    private final ExecutorService thread;
    /** The thread inside the namespace, once it runs: calls made on it run directly. */
    private volatile Thread nsThread;
    /**
     * In the caller's namespace made on first use: a container that only asks its plugins what
     * they support (osvif hostinfo) never loads jnr-ffi and the native library.
     */
    private volatile NlSocket socket;
    private final String namespace;

    /**
     * @param namespace a name under {@code /var/run/netns}, or null for the caller's namespace
     * @return an open connection
     */
    public static Netlink open(String namespace) {
        return new RtNetlink(namespace);
    }

    protected RtNetlink(String namespace) {
        this.namespace = namespace;
        if (namespace == null) {
            thread = null;
            return;
        }
        if (namespace.isEmpty() || namespace.contains("/") || namespace.startsWith(".")) {
            throw new IllegalArgumentException("not a network namespace name: '" + namespace + "'");
        }
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netlink-netns-" + namespace);
            t.setDaemon(true);
            return t;
        });
        try {
            socket = thread.submit(() -> {
                join(namespace);
                nsThread = Thread.currentThread();
                return new NlSocket();
            }).get();
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining network namespace " + namespace, e);
        } catch (ExecutionException e) {
            thread.shutdownNow();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static void join(String namespace) {
        String path = "/var/run/netns/" + namespace;
        int fd = LibC.INSTANCE.open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new NetlinkException("open " + path, namespace, LibC.errno(), "no such network namespace?");
        }
        try {
            if (LibC.INSTANCE.setns(fd, CLONE_NEWNET) < 0) {
                throw new NetlinkException("setns(CLONE_NEWNET)", namespace, LibC.errno(), null);
            }
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    private <T> T run(Callable<T> task) {
        try {
            return inNamespace(task);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <T> T inNamespace(Callable<T> task) throws Exception {
        if (thread == null || Thread.currentThread() == nsThread) {
            return task.call();
        }
        Future<T> f = thread.submit(task);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception x) {
                throw x;
            }
            throw (Error) c;
        } catch (InterruptedException e) {
            f.cancel(false);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    // ---- links

    @Override
    public Optional<Link> link(String name) {
        Netlink.checkName(name);
        return run(() -> Optional.ofNullable(getLink(name, 0)));
    }

    /** RTM_GETLINK by name (index 0) or by index; null when there is none. */
    private Link getLink(String name, int index) {
        Msg m = new Msg(RTM_GETLINK, NlSocket.F_REQUEST).ifinfo(index, 0, 0);
        if (name != null) {
            m.attrString(IFLA_IFNAME, name);
        }
        m.attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        Link[] out = new Link[1];
        String[] extAck = new String[1];
        int errno = socket().requestOrErrno(m, "RTM_GETLINK", name, (b, s, e, t) -> out[0] = parseLink(b, s, e, null),
                extAck);
        if (errno == Errno.ENODEV) {
            return null;
        }
        if (errno != 0) {
            throw new NetlinkException("RTM_GETLINK", name, errno, extAck[0]);
        }
        Link l = out[0];
        if (l != null && l.masterIndex() != 0) {
            Link master = getLink(null, l.masterIndex());
            l = withMaster(l, master == null ? null : master.name());
        }
        return l;
    }

    private static Link withMaster(Link l, String master) {
        return new Link(l.index(), l.name(), l.kind(), l.up(), l.operState(), l.mtu(), l.mac(), l.linkIndex(),
                l.masterIndex(), master, l.bridge());
    }

    private static Link parseLink(ByteBuffer b, int start, int end, String master) {
        int index = b.getInt(start + 4);
        int flags = b.getInt(start + 8);
        Attrs a = new Attrs(b, start + 16, end);
        String kind = null;
        Link.BridgeAttributes bridge = null;
        Attrs info = a.nested(IFLA_LINKINFO);
        if (info != null) {
            kind = info.string(IFLA_INFO_KIND);
            Attrs data = info.nested(IFLA_INFO_DATA);
            if ("bridge".equals(kind) && data != null) {
                bridge = new Link.BridgeAttributes(data.u32(IFLA_BR_FORWARD_DELAY, -1),
                        data.u32(IFLA_BR_STP_STATE, -1), data.u32(IFLA_BR_MCAST_SNOOPING, -1),
                        data.u32(IFLA_BR_AGEING_TIME, -1));
            }
        }
        int oper = (int) a.u32(IFLA_OPERSTATE, 0);
        return new Link(index, a.string(IFLA_IFNAME), kind, (flags & IFF_UP) != 0,
                oper < OPER_STATES.length ? OPER_STATES[oper] : "UNKNOWN", (int) a.u32(IFLA_MTU, 0),
                mac(a.bytes(IFLA_ADDRESS)), (int) a.u32(IFLA_LINK, 0), (int) a.u32(IFLA_MASTER, 0), master, bridge);
    }

    private static String mac(byte[] b) {
        if (b == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    private static byte[] mac(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    @Override
    public List<Link> links() {
        return run(() -> {
            List<Link> raw = new ArrayList<>();
            Msg m = new Msg(RTM_GETLINK, NlSocket.F_REQUEST | NlSocket.F_DUMP).ifinfo(0, 0, 0)
                    .attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
            socket().request(m, "RTM_GETLINK", null, (b, s, e, t) -> raw.add(parseLink(b, s, e, null)));
            Map<Integer, String> names = new HashMap<>();
            raw.forEach(l -> names.put(l.index(), l.name()));
            List<Link> out = new ArrayList<>(raw.size());
            raw.forEach(l -> out.add(l.masterIndex() == 0 ? l : withMaster(l, names.get(l.masterIndex()))));
            return out;
        });
    }

    static Msg newLink(String name) {
        return new Msg(RTM_NEWLINK, NlSocket.F_REQUEST | NlSocket.F_ACK | NlSocket.F_CREATE | NlSocket.F_EXCL)
                .ifinfo(0, 0, 0).attrString(IFLA_IFNAME, name);
    }

    @Override
    public void createBridge(String name) {
        Netlink.checkName(name);
        run(() -> {
            createBridgeHere(name);
            return null;
        });
    }

    @Override
    public void createBridge(String name, long ageingTime) {
        Netlink.checkName(name);
        checkAgeing(name, ageingTime);
        run(() -> {
            createBridgeHere(name, ageingTime);
            return null;
        });
    }

    private void createBridgeHere(String name) {
        createBridgeHere(name, -1);
    }

    /** @param ageingTime hundredths of a second, or -1 for the kernel's default */
    private void createBridgeHere(String name, long ageingTime) {
        socket().request(bridgeMsg(name, ageingTime), "RTM_NEWLINK", bridgeText(name, ageingTime), null);
    }

    static Msg bridgeMsg(String name, long ageingTime) {
        Msg m = newLink(name).begin(IFLA_LINKINFO).attrString(IFLA_INFO_KIND, "bridge").begin(IFLA_INFO_DATA)
                .attrU32(IFLA_BR_FORWARD_DELAY, 0).attrU32(IFLA_BR_STP_STATE, 0)
                .attrU8(IFLA_BR_MCAST_SNOOPING, 0);
        if (ageingTime >= 0) {
            m.attrU32(IFLA_BR_AGEING_TIME, (int) ageingTime);
        }
        return m.end().end();
    }

    static String bridgeText(String name, long ageingTime) {
        return name + " (kind bridge" + (ageingTime >= 0 ? ", ageing " + ageingTime : "") + ")";
    }

    static void checkAgeing(String name, long ageingTime) {
        if (ageingTime < 0 || ageingTime > 0xffffffffL) {
            throw new NetlinkException("RTM_NEWLINK", name, Errno.EINVAL, "ageing time " + ageingTime
                    + " is not an unsigned 32-bit number of hundredths of a second");
        }
    }

    @Override
    public boolean ensureBridge(String name) {
        Netlink.checkName(name);
        return run(() -> {
            Link l = getLink(name, 0);
            if (l == null) {
                try {
                    createBridgeHere(name);
                    return true;
                } catch (NetlinkException e) {
                    if (e.errno() != Errno.EEXIST) {
                        throw e;
                    }
                    l = getLink(name, 0);
                }
            }
            if (l == null || !"bridge".equals(l.kind())) {
                throw new NetlinkException("ensure bridge", name, Errno.EEXIST,
                        "a device of that name exists and is not a bridge (kind " + (l == null ? "gone" : l.kind()) + ")");
            }
            return false;
        });
    }

    @Override
    public void createVethPair(String name, String peer) {
        Netlink.checkName(name);
        Netlink.checkName(peer);
        run(() -> {
            createVethHere(name, peer);
            return null;
        });
    }

    private void createVethHere(String name, String peer) {
        Msg m = newLink(name).begin(IFLA_LINKINFO).attrString(IFLA_INFO_KIND, "veth").begin(IFLA_INFO_DATA)
                .begin(VETH_INFO_PEER).ifinfo(0, 0, 0).attrString(IFLA_IFNAME, peer).end().end().end();
        socket().request(m, "RTM_NEWLINK", name + " (kind veth, peer " + peer + ")", null);
    }

    @Override
    public boolean ensureVethPair(String name, String peer) {
        Netlink.checkName(name);
        Netlink.checkName(peer);
        return run(() -> {
            Link l = getLink(name, 0);
            if (l == null) {
                createVethHere(name, peer);
                return true;
            }
            Link p = "veth".equals(l.kind()) && l.linkIndex() != 0 ? getLink(null, l.linkIndex()) : null;
            if (p == null || !peer.equals(p.name())) {
                throw new NetlinkException("ensure veth pair", name, Errno.EEXIST, "a device of that name exists and is not"
                        + " a veth whose peer is " + peer + " (kind " + l.kind() + (p == null ? "" : ", peer " + p.name()) + ")");
            }
            return false;
        });
    }

    @Override
    public void createVlan(String name, String parent, int vlanId) {
        Netlink.checkName(name);
        Netlink.checkName(parent);
        checkVlanId(name, vlanId);
        run(() -> {
            Link p = getLink(parent, 0);
            if (p == null) {
                throw new NetlinkException("RTM_NEWLINK " + name + " (kind vlan): parent", parent, Errno.ENODEV,
                        "the VLAN's parent device does not exist");
            }
            String[] extAck = new String[1];
            String text = name + " (kind vlan, id " + vlanId + ", on " + parent + ")";
            int errno = socket().requestOrErrno(vlanMsg(name, p.index(), vlanId), "RTM_NEWLINK", text, null, extAck);
            if (errno != 0) {
                throw vlanRefused(text, errno, extAck[0]);
            }
            return null;
        });
    }

    static void checkVlanId(String name, int vlanId) {
        if (vlanId < 1 || vlanId > 4094) {
            throw new NetlinkException("RTM_NEWLINK", name, Errno.EINVAL, "VLAN id " + vlanId + " is not in 1..4094");
        }
    }

    static Msg vlanMsg(String name, int parentIndex, int vlanId) {
        return newLink(name).attrU32(IFLA_LINK, parentIndex).begin(IFLA_LINKINFO).attrString(IFLA_INFO_KIND, "vlan")
                .begin(IFLA_INFO_DATA).attrU16(IFLA_VLAN_ID, vlanId).end().end();
    }

    static NetlinkException vlanRefused(String text, int errno, String extAck) {
        if (errno == Errno.EOPNOTSUPP) {
            return new NetlinkException("RTM_NEWLINK", text, errno, "this kernel has no 'vlan' link kind (8021q module"
                    + " missing or not loadable) [kernel: Unknown device type]");
        }
        return new NetlinkException("RTM_NEWLINK", text, errno, extAck);
    }

    @Override
    public void createTap(String name) {
        createTap(name, false);
    }

    @Override
    public void createTap(String name, boolean multiqueue) {
        Netlink.checkName(name);
        run(() -> {
            LibC c = LibC.INSTANCE;
            int fd = c.open("/dev/net/tun", O_RDWR | O_CLOEXEC);
            if (fd < 0) {
                throw new NetlinkException("open /dev/net/tun", name, LibC.errno(), null);
            }
            try {
                Pointer ifr = Memory.allocateDirect(LibC.RUNTIME, 40, true);
                byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ifr.put(0, n, 0, n.length);
                ifr.putShort(16, (short) (IFF_TAP_NO_PI | (multiqueue ? IFF_MULTI_QUEUE : 0)));
                if (c.ioctl(fd, TUNSETIFF, ifr) < 0) {
                    throw new NetlinkException("TUNSETIFF (tap)", name, LibC.errno(), null);
                }
                // TUNSETPERSIST takes its argument by value: 1 in the pointer's place.
                if (c.ioctl(fd, TUNSETPERSIST, Pointer.wrap(LibC.RUNTIME, 1L)) < 0) {
                    throw new NetlinkException("TUNSETPERSIST", name, LibC.errno(), null);
                }
            } finally {
                c.close(fd);
            }
            return null;
        });
    }

    @Override
    public void deleteLink(String name) {
        Netlink.checkName(name);
        run(() -> {
            socket().request(deleteMsg(name), "RTM_DELLINK", name, null);
            return null;
        });
    }

    @Override
    public void update(String name, LinkUpdate u) {
        Netlink.checkName(name);
        if (u.masterName() != null) {
            Netlink.checkName(u.masterName());
        }
        run(() -> {
            int master = 0;
            if (u.masterName() != null) {
                Link b = getLink(u.masterName(), 0);
                if (b == null) {
                    throw new NetlinkException("RTM_NEWLINK " + name + " master", u.masterName(), Errno.ENODEV,
                            "the master device does not exist");
                }
                master = b.index();
            }
            socket().request(updateMsg(name, u, master), "RTM_NEWLINK", name + describe(u), null);
            return null;
        });
    }

    static Msg deleteMsg(String name) {
        return new Msg(RTM_DELLINK, NlSocket.F_REQUEST | NlSocket.F_ACK).ifinfo(0, 0, 0).attrString(IFLA_IFNAME, name);
    }

    static Msg getLinkMsg(String name) {
        return new Msg(RTM_GETLINK, NlSocket.F_REQUEST | NlSocket.F_ACK).ifinfo(0, 0, 0).attrString(IFLA_IFNAME, name)
                .attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
    }

    /** @param master the master's ifindex when the update sets one by name (resolved by the caller) */
    static Msg updateMsg(String name, LinkUpdate u, int master) {
        int flags = (Boolean.TRUE.equals(u.upState()) ? IFF_UP : 0)
                | (Boolean.TRUE.equals(u.promiscState()) ? IFF_PROMISC : 0);
        int change = (u.upState() == null ? 0 : IFF_UP) | (u.promiscState() == null ? 0 : IFF_PROMISC);
        Msg m = new Msg(RTM_NEWLINK, NlSocket.F_REQUEST | NlSocket.F_ACK).ifinfo(0, flags, change)
                .attrString(IFLA_IFNAME, name);
        if (u.mtuValue() != null) {
            m.attrU32(IFLA_MTU, u.mtuValue());
        }
        if (u.macValue() != null) {
            m.attr(IFLA_ADDRESS, mac(u.macValue()));
        }
        if (u.masterIndexValue() != null) {
            m.attrU32(IFLA_MASTER, u.masterIndexValue());
        } else if (u.masterName() != null || u.releasesMaster()) {
            m.attrU32(IFLA_MASTER, master);
        }
        if (!u.ipv4ConfValues().isEmpty()) {
            m.begin(IFLA_AF_SPEC).begin(AF_INET).begin(IFLA_INET_CONF);
            u.ipv4ConfValues().forEach((k, v) -> m.attrU32(k, v));
            m.end().end().end();
        }
        return m;
    }

    static Link parseLinkReply(ByteBuffer b, int start, int end) {
        return parseLink(b, start, end, null);
    }

    static String describe(LinkUpdate u) {
        StringBuilder sb = new StringBuilder(" (set");
        if (u.upState() != null) {
            sb.append(u.upState() ? " up" : " down");
        }
        if (u.promiscState() != null) {
            sb.append(u.promiscState() ? " promisc on" : " promisc off");
        }
        if (u.mtuValue() != null) {
            sb.append(" mtu ").append(u.mtuValue());
        }
        if (u.macValue() != null) {
            sb.append(" address ").append(u.macValue());
        }
        if (u.masterName() != null) {
            sb.append(" master ").append(u.masterName());
        }
        if (u.masterIndexValue() != null) {
            sb.append(" master #").append(u.masterIndexValue());
        }
        if (u.releasesMaster()) {
            sb.append(" nomaster");
        }
        u.ipv4ConfValues().forEach((k, v) -> sb.append(" ipv4conf[").append(k).append("]=").append(v));
        return sb.append(')').toString();
    }

    // ---- addresses

    private int indexOf(String device) {
        Link l = getLink(device, 0);
        if (l == null) {
            throw new NetlinkException("device lookup", device, Errno.ENODEV, "no such device");
        }
        return l.index();
    }

    @Override
    public List<Address> addresses(String device) {
        Netlink.checkName(device);
        return run(() -> {
            int index = indexOf(device);
            List<Address> out = new ArrayList<>();
            Msg m = new Msg(RTM_GETADDR, NlSocket.F_REQUEST | NlSocket.F_DUMP).u8(0).u8(0).u8(0).u8(0).u32(index);
            socket().request(m, "RTM_GETADDR", device, (b, s, e, t) -> {
                if (b.getInt(s + 4) == index) {
                    out.add(parseAddress(b, s, e));
                }
            });
            return out;
        });
    }

    private static Address parseAddress(ByteBuffer b, int s, int e) {
        int prefix = Byte.toUnsignedInt(b.get(s + 1));
        int flags = Byte.toUnsignedInt(b.get(s + 2));
        int scope = Byte.toUnsignedInt(b.get(s + 3));
        Attrs a = new Attrs(b, s + 8, e);
        flags = (int) a.u32(IFA_FLAGS, flags);
        InetAddress address = a.ip(IFA_ADDRESS);
        InetAddress local = a.ip(IFA_LOCAL);
        InetAddress peer = null;
        if (local == null) {
            local = address;
        } else if (address != null && !address.equals(local)) {
            peer = address;
        }
        return new Address(local, prefix, peer, a.ip(IFA_BROADCAST), scope, flags, a.string(IFA_LABEL));
    }

    @Override
    public void addAddress(String device, Address address) {
        changeAddress(device, address, true);
    }

    @Override
    public void deleteAddress(String device, Address address) {
        changeAddress(device, address, false);
    }

    private void changeAddress(String device, Address address, boolean add) {
        Netlink.checkName(device);
        run(() -> {
            int index = indexOf(device);
            int family = address.isIpv4() ? AF_INET : AF_INET6;
            int flags = add ? NlSocket.F_REQUEST | NlSocket.F_ACK | NlSocket.F_CREATE | NlSocket.F_EXCL
                    : NlSocket.F_REQUEST | NlSocket.F_ACK;
            int ifaFlags = address.flags() & ~(Address.SECONDARY | Address.PERMANENT);
            Msg m = new Msg(add ? RTM_NEWADDR : RTM_DELADDR, flags).u8(family).u8(address.prefixLength())
                    .u8(ifaFlags & 0xff).u8(address.scope()).u32(index);
            m.attrIp(IFA_LOCAL, address.local());
            m.attrIp(IFA_ADDRESS, address.peer() != null ? address.peer() : address.local());
            if (add && address.broadcast() != null) {
                m.attrIp(IFA_BROADCAST, address.broadcast());
            }
            if (add && ifaFlags > 0xff) {
                m.attrU32(IFA_FLAGS, ifaFlags);
            }
            if (add && address.label() != null && address.isIpv4()) {
                m.attrString(IFA_LABEL, address.label());
            }
            socket().request(m, add ? "RTM_NEWADDR" : "RTM_DELADDR", device + " (" + address.cidr() + ")", null);
            return null;
        });
    }

    // ---- routes

    @Override
    public List<Route> routes(String device) {
        if (device != null) {
            Netlink.checkName(device);
        }
        return run(() -> {
            Map<Integer, String> names = new HashMap<>();
            int oif = 0;
            if (device != null) {
                oif = indexOf(device);
                names.put(oif, device);
            } else {
                Msg m = new Msg(RTM_GETLINK, NlSocket.F_REQUEST | NlSocket.F_DUMP).ifinfo(0, 0, 0)
                        .attrU32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
                socket().request(m, "RTM_GETLINK", null, (b, s, e, t) -> {
                    Link l = parseLink(b, s, e, null);
                    names.put(l.index(), l.name());
                });
            }
            List<Route> out = new ArrayList<>();
            for (int family : new int[] {AF_INET, AF_INET6}) {
                Msg m = new Msg(RTM_GETROUTE, NlSocket.F_REQUEST | NlSocket.F_DUMP).u8(family).zeros(11);
                if (oif != 0) {
                    m.attrU32(RTA_OIF, oif);
                }
                int want = oif;
                socket().request(m, "RTM_GETROUTE", device, (b, s, e, t) -> {
                    Route r = parseRoute(b, s, e, names);
                    if (want == 0 || device.equals(r.device())) {
                        out.add(r);
                    }
                });
            }
            return out;
        });
    }

    private static Route parseRoute(ByteBuffer b, int s, int e, Map<Integer, String> names) {
        int family = Byte.toUnsignedInt(b.get(s));
        int dstLen = Byte.toUnsignedInt(b.get(s + 1));
        int table = Byte.toUnsignedInt(b.get(s + 4));
        int protocol = Byte.toUnsignedInt(b.get(s + 5));
        int scope = Byte.toUnsignedInt(b.get(s + 6));
        int type = Byte.toUnsignedInt(b.get(s + 7));
        Attrs a = new Attrs(b, s + 12, e);
        table = (int) a.u32(RTA_TABLE, table);
        int oif = (int) a.u32(RTA_OIF, 0);
        Integer priority = a.has(RTA_PRIORITY) ? (int) a.u32(RTA_PRIORITY, 0) : null;
        return new Route(family == AF_INET6, a.ip(RTA_DST), dstLen, a.ip(RTA_GATEWAY), oif == 0 ? null : names.get(oif),
                table, protocol, scope, type, priority, a.ip(RTA_PREFSRC));
    }

    @Override
    public void addRoute(Route route) {
        changeRoute(route, true);
    }

    @Override
    public void deleteRoute(Route route) {
        changeRoute(route, false);
    }

    private void changeRoute(Route r, boolean add) {
        if (r.device() != null) {
            Netlink.checkName(r.device());
        }
        run(() -> {
            int flags = add ? NlSocket.F_REQUEST | NlSocket.F_ACK | NlSocket.F_CREATE | NlSocket.F_EXCL
                    : NlSocket.F_REQUEST | NlSocket.F_ACK;
            Msg m = new Msg(add ? RTM_NEWROUTE : RTM_DELROUTE, flags).u8(r.ipv6() ? AF_INET6 : AF_INET)
                    .u8(r.destinationLength()).u8(0).u8(0).u8(r.table() < 256 ? r.table() : 0)
                    .u8(r.protocol()).u8(add ? r.scope() : 255).u8(r.type()).u32(0);
            if (r.destination() != null) {
                m.attrIp(RTA_DST, r.destination());
            }
            if (r.gateway() != null) {
                m.attrIp(RTA_GATEWAY, r.gateway());
            }
            if (r.device() != null) {
                m.attrU32(RTA_OIF, indexOf(r.device()));
            }
            if (r.priority() != null) {
                m.attrU32(RTA_PRIORITY, r.priority());
            }
            if (add && r.preferredSource() != null) {
                m.attrIp(RTA_PREFSRC, r.preferredSource());
            }
            m.attrU32(RTA_TABLE, r.table());
            String what = r.destinationText() + (r.gateway() == null ? "" : " via " + Address.text(r.gateway()));
            socket().request(m, add ? "RTM_NEWROUTE" : "RTM_DELROUTE", r.device() == null ? what : r.device() + " (" + what + ")",
                    null);
            return null;
        });
    }

    // ---- sysctls

    private static Path sysctl(String path) {
        if (path.contains("..") || path.startsWith("/")) {
            throw new IllegalArgumentException("not a path below /proc/sys/net: " + path);
        }
        return Path.of("/proc/sys/net", path);
    }

    @Override
    public boolean writeSysctl(String path, String value) {
        Path p = sysctl(path);
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return run(() -> {
            // open/write/close through libc: a third of the JDK's file stream cost, on every plug
            int fd = LibC.INSTANCE.open(p.toString(), O_WRONLY | O_CLOEXEC);
            if (fd < 0) {
                int errno = LibC.errno();
                if (errno == Errno.ENOENT) {
                    return false;
                }
                throw new NetlinkException("open " + p, null, errno, null);
            }
            try {
                if (LibC.INSTANCE.write(fd, bytes, bytes.length) != bytes.length) {
                    throw new NetlinkException("write " + p, null, LibC.errno(), "value " + value);
                }
            } finally {
                LibC.INSTANCE.close(fd);
            }
            return true;
        });
    }

    @Override
    public Optional<String> readSysctl(String path) {
        Path p = sysctl(path);
        return run(() -> {
            try {
                return Optional.of(Files.readString(p).strip());
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public NetlinkBatch batch() {
        return new Batch(this);
    }

    /** Sends a batch's requests on this connection's socket, in its namespace. */
    void sendAll(List<Msg> msgs, NlSocket.ReplyHandler[] handlers, int[] errno, String[] extAck) {
        run(() -> {
            socket().requestAll(msgs, handlers, errno, extAck);
            return null;
        });
    }

    /** @return the socket's current pipelining window (tests) */
    int sendAllWindow() {
        return run(() -> socket().window());
    }

    NlSocket socket() {
        NlSocket s = socket;
        if (s == null) {
            synchronized (this) {
                s = socket;
                if (s == null) {
                    s = new NlSocket();
                    socket = s;
                }
            }
        }
        return s;
    }

    @Override
    public void close() {
        if (thread == null) {
            synchronized (this) {
                if (socket != null) {
                    socket.close();
                }
            }
            return;
        }
        try {
            thread.submit(socket::close).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            thread.shutdown();
        }
    }

    @Override
    public String toString() {
        return "Netlink[" + (namespace == null ? "this namespace" : "netns " + namespace) + "]";
    }
}

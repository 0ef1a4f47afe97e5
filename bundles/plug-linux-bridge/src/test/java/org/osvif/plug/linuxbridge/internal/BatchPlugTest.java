package org.osvif.plug.linuxbridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.osvif.PlugRequest;
import org.osvif.netlink.Link;
import org.osvif.netlink.LinkUpdate;
import org.osvif.netlink.Netlink;
import org.osvif.netlink.NetlinkBatch;
import org.osvif.netlink.NetlinkException;
import org.osvif.objects.Network;
import org.osvif.objects.VIFBridge;
import org.osvif.plugin.PlugOutcome;

/**
 * What the batch path sends, against an in-memory kernel that logs each request (no root): one
 * creation per bridge however many VIFs share it, one round per step, and a re-plug that only
 * reads.
 */
class BatchPlugTest {

    /** Links by name; a request log; names whose creation the "kernel" refuses. */
    static final class FakeKernel {
        final Map<String, Link> links = new HashMap<>();
        final List<String> log = new ArrayList<>();
        final Set<String> refuse;
        int sends;
        int nextIndex = 10;

        FakeKernel(Set<String> refuse) {
            this.refuse = refuse;
        }

        Netlink netlink() {
            return (Netlink) Proxy.newProxyInstance(Netlink.class.getClassLoader(), new Class<?>[] {Netlink.class},
                    (proxy, m, args) -> switch (m.getName()) {
                        case "batch" -> new FakeBatch();
                        case "inNamespace" -> ((Callable<?>) args[0]).call();
                        case "disableIpv6" -> {
                            log.add("sysctl disable_ipv6 " + args[0]);
                            yield null;
                        }
                        case "link" -> Optional.ofNullable(links.get((String) args[0]));
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        final class FakeBatch implements NetlinkBatch {
            final List<Runnable> queued = new ArrayList<>();

            <T> Reply<T> queue(String what, Supplier<T> apply) {
                FakeReply<T> r = new FakeReply<>();
                queued.add(() -> {
                    log.add(what);
                    try {
                        r.value = apply.get();
                    } catch (NetlinkException e) {
                        r.error = e;
                    }
                    r.done = true;
                });
                return r;
            }

            @Override
            public Reply<Optional<Link>> link(String name) {
                return queue("get " + name, () -> Optional.ofNullable(links.get(name)));
            }

            @Override
            public Reply<Void> createBridge(String name) {
                return queue("create bridge " + name, () -> {
                    if (refuse.contains(name) || links.containsKey(name)) {
                        throw new NetlinkException("RTM_NEWLINK", name + " (kind bridge)", 17, null);
                    }
                    links.put(name, new Link(nextIndex++, name, "bridge", false, "DOWN", 1500, null, 0, 0, null, null));
                    return null;
                });
            }

            @Override
            public Reply<Void> createBridge(String name, long ageingTime) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Reply<Void> createVlan(String name, Link parent, int vlanId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Reply<Void> update(String name, LinkUpdate u) {
                return queue("update " + name + (u.upState() != null ? " up" : "")
                        + (u.ipv4ConfValues().isEmpty() ? "" : " arp"), () -> {
                            Link l = links.get(name);
                            links.put(name, new Link(l.index(), name, l.kind(), true, "UP", l.mtu(), null, 0, 0, null, null));
                            return null;
                        });
            }

            @Override
            public Reply<Void> deleteLink(String name) {
                return queue("delete " + name, () -> {
                    links.remove(name);
                    return null;
                });
            }

            @Override
            public int size() {
                return queued.size();
            }

            @Override
            public void send() {
                if (!queued.isEmpty()) {
                    sends++;
                    log.add("-- send");
                }
                queued.forEach(Runnable::run);
                queued.clear();
            }
        }
    }

    static final class FakeReply<T> implements NetlinkBatch.Reply<T> {
        boolean done;
        T value;
        NetlinkException error;

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public boolean ok() {
            return done && error == null;
        }

        @Override
        public T value() {
            if (error != null) {
                throw error;
            }
            return value;
        }

        @Override
        public NetlinkException error() {
            return error;
        }
    }

    private static List<PlugRequest> vifs(int n, int bridges) {
        Network net = Vifs.network().mtu(1450).build();
        List<PlugRequest> rs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            VIFBridge v = Vifs.vif(i, "qbr" + (i % bridges), net, true);
            rs.add(new PlugRequest(v, Vifs.INSTANCE));
        }
        return rs;
    }

    @Test
    void vifsSharingABridgeCreateItOnceInOneRoundPerStep() {
        FakeKernel k = new FakeKernel(Set.of());
        List<PlugOutcome> out = LinuxBridgePlugin.withDefaults(k.netlink()).plugAll(vifs(10, 3));
        assertThat(out).hasSize(10).allSatisfy(o -> assertThat(o.error()).isNull());
        assertThat(k.log).containsExactly(
                "-- send", "get qbr0", "get qbr1", "get qbr2",
                "-- send", "create bridge qbr0", "create bridge qbr1", "create bridge qbr2",
                "sysctl disable_ipv6 qbr0", "sysctl disable_ipv6 qbr1", "sysctl disable_ipv6 qbr2",
                "-- send", "update qbr0 up arp", "update qbr1 up arp", "update qbr2 up arp");
    }

    @Test
    void replugOnlyReads() {
        FakeKernel k = new FakeKernel(Set.of());
        LinuxBridgePlugin plugin = LinuxBridgePlugin.withDefaults(k.netlink());
        plugin.plugAll(vifs(10, 3));
        k.log.clear();
        assertThat(plugin.plugAll(vifs(10, 3))).allSatisfy(o -> assertThat(o.error()).isNull());
        assertThat(k.log).containsExactly("-- send", "get qbr0", "get qbr1", "get qbr2");
    }

    @Test
    void aRefusedBridgeFailsItsVifsOnlyInOrder() {
        FakeKernel k = new FakeKernel(Set.of("qbr1"));
        List<PlugOutcome> out = LinuxBridgePlugin.withDefaults(k.netlink()).plugAll(vifs(6, 3));
        for (int i = 0; i < 6; i++) {
            if (i % 3 == 1) {
                assertThat(out.get(i).error()).as("VIF %d", i).isInstanceOf(NetlinkException.class)
                        .hasMessageContaining("qbr1").hasMessageContaining("EEXIST");
            } else {
                assertThat(out.get(i).error()).as("VIF %d", i).isNull();
            }
        }
        assertThat(k.links).containsOnlyKeys("qbr0", "qbr2");
        assertThat(k.log).doesNotContain("sysctl disable_ipv6 qbr1", "update qbr1 up arp");
    }
}

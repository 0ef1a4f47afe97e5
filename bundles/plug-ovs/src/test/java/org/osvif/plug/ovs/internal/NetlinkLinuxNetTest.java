package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osvif.netlink.Netlink;
import org.osvif.netlink.NetlinkException;
import org.osvif.testsupport.TestNamespace;

/**
 * The steps after a batch's commit, pipelined ({@link NetlinkLinuxNet#run}), against the kernel:
 * the same steps run one by one in one namespace and pipelined in another must leave the same
 * devices and fail the same steps, with the same errno.
 */
class NetlinkLinuxNetTest {

    /** The netlink LinuxNet one step at a time: {@link LinuxNet#run}'s default over it. */
    private record OneByOne(LinuxNet in) implements LinuxNet {
        @Override
        public boolean exists(String dev) {
            return in.exists(dev);
        }

        @Override
        public void setMtu(String dev, long mtu) {
            in.setMtu(dev, mtu);
        }

        @Override
        public void setState(String dev, boolean up) {
            in.setState(dev, up);
        }

        @Override
        public void delete(String dev) {
            in.delete(dev);
        }

        @Override
        public void ensureBridge(String bridge) {
            in.ensureBridge(bridge);
        }

        @Override
        public void createVethPair(String dev1, String dev2, long mtu) {
            in.createVethPair(dev1, dev2, mtu);
        }

        @Override
        public void addBridgePort(String bridge, String dev) {
            in.addBridgePort(bridge, dev);
        }

        @Override
        public void deleteBridge(String bridge, String dev) {
            in.deleteBridge(bridge, dev);
        }

        @Override
        public void createTap(String dev, long mtu, String mac, boolean multiqueue) {
            in.createTap(dev, mtu, mac, multiqueue);
        }
    }

    private static void devices(TestNamespace ns) throws Exception {
        ns.ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
        ns.ip("link", "add", "d1", "type", "bridge");
        ns.ip("link", "add", "d2", "type", "bridge");
    }

    private static final List<LinuxNet.Step> STEPS = List.of(
            new LinuxNet.SetMtu("va", 1400),
            new LinuxNet.SetMtu("nosuch0", 1400), // absent: nothing, no error
            new LinuxNet.SetMtu("bad/name", 1400), // a name Linux cannot have: absent too
            new LinuxNet.SetMtu("vb", 10), // below the veth minimum: the kernel refuses
            new LinuxNet.Delete("d1"),
            new LinuxNet.Delete("nosuch1"),
            new LinuxNet.Delete("d2"),
            new LinuxNet.Delete("d2"), // twice in one round: the second finds it gone
            new LinuxNet.SetMtu("va", 1300)); // the same device again: the later step wins

    private static List<Integer> errnos(List<RuntimeException> failures) {
        List<Integer> out = new ArrayList<>();
        for (RuntimeException e : failures) {
            out.add(e == null ? 0 : ((NetlinkException) e).errno());
        }
        return out;
    }

    @Test
    void pipelinedStepsDoWhatOneByOneDoes() throws Exception {
        try (TestNamespace single = TestNamespace.create("nlnet1"); TestNamespace piped = TestNamespace.create("nlnet2");
                Netlink singleNl = Netlink.open(single.name()); Netlink pipedNl = Netlink.open(piped.name())) {
            devices(single);
            devices(piped);

            List<RuntimeException> one = new OneByOne(new NetlinkLinuxNet(singleNl)).run(STEPS);
            List<RuntimeException> all = new NetlinkLinuxNet(pipedNl).run(STEPS);

            assertThat(errnos(all)).isEqualTo(errnos(one))
                    .containsExactly(0, 0, 0, NetlinkException.Errno.EINVAL, 0, 0, 0, 0, 0);
            assertThat(all.get(3)).hasMessageContaining("vb");
            for (TestNamespace ns : List.of(single, piped)) {
                assertThat(ns.link("va").get("mtu").asInt()).isEqualTo(1300);
                assertThat(ns.link("vb").get("mtu").asInt()).isEqualTo(1500);
                assertThat(ns.links()).extracting(l -> l.get("ifname").asText()).doesNotContain("d1", "d2");
            }
        }
    }

    @Test
    void lookupAnswersEveryNameAsExistsDoes() throws Exception {
        try (TestNamespace ns = TestNamespace.create("nlnet4"); Netlink nl = Netlink.open(ns.name())) {
            devices(ns);
            NetlinkLinuxNet linux = new NetlinkLinuxNet(nl);
            java.util.function.Predicate<String> exists = linux.lookup(List.of("va", "nosuch0", "bad/name", "va", "d1"));
            ns.ip("link", "del", "d1");
            assertThat(exists.test("va")).isTrue();
            assertThat(exists.test("d1")).as("answered when looked up").isTrue();
            assertThat(exists.test("nosuch0")).isFalse();
            assertThat(exists.test("bad/name")).isFalse();
            // a name not looked up is asked now
            assertThat(exists.test("vb")).isTrue();
            assertThat(exists.test("d2")).isTrue();
            assertThat(exists.test("nosuch1")).isFalse();
        }
    }

    @Test
    void noStepsSendNothing() throws Exception {
        try (TestNamespace ns = TestNamespace.create("nlnet3"); Netlink nl = Netlink.open(ns.name())) {
            assertThat(new NetlinkLinuxNet(nl).run(List.of())).isEmpty();
        }
    }
}

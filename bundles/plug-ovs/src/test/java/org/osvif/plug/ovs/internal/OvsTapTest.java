package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.osvif.netlink.Netlink;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Network;
import org.osvif.objects.OsVifException;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileOpenVSwitch;
import org.osvif.objects.VIFVHostUser;
import org.osvif.ovsdb.OvsdbClient;
import org.osvif.testsupport.OvsSandbox;

/**
 * os-vif master's {@code create_tap} (profile 1.4; 3.0.0 has no such field, so there is no
 * oracle): after the port's transaction the plugin creates the tap through {@link LinuxNet},
 * with the VIF's MAC and MTU, multiqueue if asked, up; a re-plug keeps it; unplug deletes it
 * with the port. Asked of a VIF that is not a VIFOpenVSwitch it is an error that leaves
 * nothing in OVSDB. The devices live in the sandbox's namespace, seen through its own sysfs.
 */
class OvsTapTest {

    private static final InstanceInfo INSTANCE = OvsInteropTest.INSTANCE;

    private static VIFPortProfileOpenVSwitch profile(int n, boolean multiqueue) {
        return new VIFPortProfileOpenVSwitch.Plain().interfaceId(String.format("e65867e0-9340-4a7f-a256-09af6eb7%04x", n))
                .profileId("").datapathType("netdev").createPort(true).createTap(true).multiqueue(multiqueue).build();
    }

    private static Network net(long mtu) {
        return Network.builder().id("437c6db5-4e6f-4b43-b64b-ed6a11ee5ba7").bridge("br-int").mtu(mtu).build();
    }

    private static VIFOpenVSwitch tapVif(int n, boolean multiqueue) {
        return VIFOpenVSwitch.builder().id(String.format("b679325f-ca89-4ee0-a8be-6db1409b%04x", n))
                .address(String.format("ca:fe:de:ad:be:%02x", n)).network(net(1400)).plugin("ovs")
                .vifName("tt" + n).bridgeName("br-int").portProfile(profile(n, multiqueue)).build();
    }

    @Test
    void createTapMakesTheTapInTheNamespaceAndUnplugDeletesIt() throws Exception {
        try (OvsSandbox ovs = OvsSandbox.start(true); NsSysfs sys = new NsSysfs(ovs.netns);
                Netlink nl = Netlink.open(ovs.netns)) {
            OvsPlugin plugin = new OvsPlugin(new Settings(1500, Duration.ofSeconds(20), ovs.db, false, false, null),
                    new NetlinkLinuxNet(nl), new PciSysfs(Path.of("/nonexistent-sys")));
            try {
                OvsdbClient db = plugin.client();
                // Twenty-four fresh taps: when the tap was made after the port, it was found down
                // after about one plug in thirty (vswitchd wrote back flags it had read before the
                // tap was up), so one or two plugs let that regression through most runs.
                for (int n = 1; n <= 24; n++) {
                    boolean mq = n % 2 == 0;
                    VIFOpenVSwitch v = tapVif(n, mq);
                    String dev = v.vifName();
                    plugin.plug(v, INSTANCE);
                    assertThat(sys.exists(dev)).as("tap %s in %s", dev, ovs.netns).isTrue();
                    assertThat(sys.attr(dev, "address")).isEqualTo(v.address());
                    assertThat(sys.attr(dev, "mtu")).isEqualTo("1400");
                    assertThat(sys.isUp(dev)).as("tap %s up when plug returns (flags %s)", dev, sys.attr(dev, "flags")).isTrue();
                    // IFF_TAP 0x0002, IFF_NO_PI 0x1000, IFF_MULTI_QUEUE 0x0100
                    long flags = Long.decode(sys.attr(dev, "tun_flags"));
                    assertThat(flags & 0x0002).isNotZero();
                    assertThat((flags & 0x0100) != 0).as("multiqueue").isEqualTo(mq);
                    assertThat(db.replica().byName("Port", dev)).isPresent();
                    String ifindex = sys.attr(dev, "ifindex");

                    plugin.plug(v, INSTANCE);
                    assertThat(sys.attr(dev, "ifindex")).as("a re-plug keeps the tap").isEqualTo(ifindex);

                    plugin.unplug(v, INSTANCE);
                    assertThat(sys.exists(dev)).isFalse();
                    assertThat(db.replica().byName("Port", dev)).isEmpty();
                    plugin.unplug(v, INSTANCE);
                }
            } finally {
                plugin.close();
            }
        }
    }

    @Test
    void createTapOnAVhostUserVifIsAnErrorThatLeavesNothing() throws Exception {
        try (OvsSandbox ovs = OvsSandbox.start(false); Netlink nl = Netlink.open(ovs.netns)) {
            OvsPlugin plugin = new OvsPlugin(new Settings(1500, Duration.ofSeconds(20), ovs.db, false, false, null, false),
                    new NetlinkLinuxNet(nl), new PciSysfs(Path.of("/nonexistent-sys")));
            try {
                VIFBase v = VIFVHostUser.builder().id("b679325f-ca89-4ee0-a8be-6db1409b0003").address("ca:fe:de:ad:be:03")
                        .network(net(1500)).plugin("ovs").path("/var/run/openvswitch/vhu3").mode("client")
                        .portProfile(profile(3, false)).build();
                assertThatThrownBy(() -> plugin.plug(v, INSTANCE)).isInstanceOf(OsVifException.class)
                        .hasMessage("Tap creation is not supported for VIF type VIFVHostUser");
                OvsdbClient db = plugin.client();
                db.awaitReplica(r -> true, Duration.ofSeconds(1));
                assertThat(db.replica().byName("Port", new PortNames(v.id()).vhu())).isEmpty();
                assertThat(db.replica().byName("Bridge", "br-int")).isEmpty();
            } finally {
                plugin.close();
            }
        }
    }
}

package org.osvif.cli.internal;

import java.util.ArrayList;
import java.util.List;

import org.osvif.objects.DatapathOffloadRepresentor;
import org.osvif.objects.FixedIP;
import org.osvif.objects.FixedIPList;
import org.osvif.objects.Network;
import org.osvif.objects.Route;
import org.osvif.objects.RouteList;
import org.osvif.objects.Subnet;
import org.osvif.objects.SubnetList;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileOpenVSwitch;

/**
 * The benchmark object: the VIF of the repository's testdata/vif_ovs_full.json, which
 * benchmarks/python/serialize_bench.py times in Python, built in code so the benchmark needs no file.
 */
final class BenchFixture {

    private BenchFixture() {
    }

    static VIFOpenVSwitch vif() {
        List<FixedIP> ips = new ArrayList<>();
        for (int i = 2; i < 5; i++) {
            ips.add(FixedIP.builder().address("192.168.1." + i).floatingIps(List.of("10.0.0." + i)).build());
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            routes.add(Route.builder().cidr("10." + i + ".0.0/16").gateway("192.168.1.1").interfaceName("eth0").build());
        }
        Subnet v4 = Subnet.builder().cidr("192.168.1.0/24").dns(List.of("8.8.8.8", "8.8.4.4")).gateway("192.168.1.1")
                .ips(FixedIPList.of(ips)).routes(RouteList.of(routes)).dhcpServer("192.168.1.2").build();
        Subnet v6 = Subnet.builder().cidr("2001:db8::/64").dns(List.of("2001:4860:4860::8888")).gateway("2001:db8::1")
                .ips(FixedIPList.of(List.of())).routes(RouteList.of(List.of())).dhcpServer("2001:db8::2").build();
        Network net = Network.builder().id("00000000-0000-0000-0000-000000000001").bridge("br-int").label("tenantnet")
                .subnets(SubnetList.of(List.of(v4, v6))).multiHost(false).shouldProvideBridge(false)
                .shouldProvideVlan(false).mtu(1450L).build();
        // Debian's os-vif 3.0.0 is at 1.3 for this profile, as the fixture is.
        VIFPortProfileOpenVSwitch profile = new VIFPortProfileOpenVSwitch.Plain().version("1.3")
                .interfaceId("00000000-0000-0000-0000-000000000002").profileId("fishfood").datapathType("netdev")
                .createPort(true)
                .datapathOffload(DatapathOffloadRepresentor.builder().representorName("rep0")
                        .representorAddress("0000:02:00.1").build())
                .build();
        return VIFOpenVSwitch.builder().id("00000000-0000-0000-0000-000000000003").address("ca:fe:de:ad:be:ef")
                .network(net).plugin("ovs").active(true).preserveOnDelete(false).hasTrafficFiltering(true)
                .portProfile(profile).vifName("tap12345678-9a").bridgeName("br-int").build();
    }
}

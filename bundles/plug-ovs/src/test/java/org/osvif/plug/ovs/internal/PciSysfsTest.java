package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** os-vif's SR-IOV sysfs lookups on a fake tree: a switchdev PF with an uplink and a VF representor. */
class PciSysfsTest {

    @TempDir
    Path sys;

    private void tree() throws Exception {
        tree(sys);
    }

    /**
     * A switchdev PF {@code pf0} (0000:03:00.0, uplink {@code p0}) with VFs 0000:03:00.1 and
     * 0000:03:00.2 whose representors are {@code rep0} and {@code rep1}, and {@code other} on
     * another switch.
     */
    static void tree(Path sys) throws Exception {
        Path devs = Files.createDirectories(sys.resolve("bus/pci/devices"));
        Path pf = Files.createDirectories(devs.resolve("0000:03:00.0"));
        Path vf = Files.createDirectories(devs.resolve("0000:03:00.2"));
        Files.createSymbolicLink(vf.resolve("physfn"), Path.of("../0000:03:00.0"));
        Files.createSymbolicLink(pf.resolve("virtfn0"), Path.of("../0000:03:00.1"));
        Files.createSymbolicLink(pf.resolve("virtfn1"), Path.of("../0000:03:00.2"));
        Files.createDirectories(pf.resolve("net/pf0"));
        Path net = Files.createDirectories(sys.resolve("class/net"));
        for (String[] d : new String[][] {{"pf0", "abc", "p0"}, {"rep0", "abc", "pf0vf0"}, {"rep1", "abc", "pf0vf1"},
                {"other", "xyz", "pf0vf1"}}) {
            Path dir = Files.createDirectories(net.resolve(d[0]));
            Files.writeString(dir.resolve("phys_switch_id"), d[1] + "\n");
            Files.writeString(dir.resolve("phys_port_name"), d[2] + "\n");
            Files.createSymbolicLink(dir.resolve("subsystem"), Path.of("../../net"));
        }
        Files.createSymbolicLink(net.resolve("pf0/device"), Path.of("../../../bus/pci/devices/0000:03:00.0"));
    }

    @Test
    void findsTheVfNumberThePfAndTheRepresentor() throws Exception {
        tree();
        PciSysfs s = new PciSysfs(sys);
        assertThat(s.vfNumByPciAddress("0000:03:00.2")).isEqualTo("1");
        assertThat(s.ifnameByPciAddress("0000:03:00.2", true, true)).isEqualTo("pf0");
        assertThat(s.representorPort("pf0", "1")).isEqualTo("rep1");
        assertThat(s.representorPort("pf0", "0")).isEqualTo("rep0");
        assertThat(s.pfPciFromVf("0000:03:00.2")).isEqualTo("0000:03:00.0");
    }

    @Test
    void missingDevicesAreOsVifsErrors() throws Exception {
        tree();
        PciSysfs s = new PciSysfs(sys);
        assertThatThrownBy(() -> s.vfNumByPciAddress("0000:09:00.1")).isInstanceOf(PciDeviceNotFoundById.class)
                .hasMessage("PCI device 0000:09:00.1 not found");
        assertThatThrownBy(() -> s.representorPort("pf0", "7")).isInstanceOf(RepresentorNotFound.class)
                .hasMessage("Failed getting representor port for PF pf0 with 7");
        assertThatThrownBy(() -> s.ifnameByPciAddress("0000:09:00.1", true, true)).isInstanceOf(PciDeviceNotFoundById.class);
    }
}

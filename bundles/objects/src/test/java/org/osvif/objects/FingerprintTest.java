package org.osvif.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The guard against silent wire changes: our fingerprints equal os-vif master's object_data table. */
class FingerprintTest {

    /** os-vif master, os_vif/tests/unit/test_objects.py. */
    static final Map<String, String> OBJECT_DATA = new TreeMap<>(Map.ofEntries(
            Map.entry("DatapathOffloadBase", "1.0-77509ea1ea0dd750d5864b9bd87d3f9d"),
            Map.entry("DatapathOffloadRepresentor", "1.0-802a5dff22f73046df3742c815c51421"),
            Map.entry("FixedIP", "1.0-d1a0ec7e7b6ce021a784c54d44cce009"),
            Map.entry("FixedIPList", "1.0-15ecf022a68ddbb8c2a6739cfc9f8f5e"),
            Map.entry("HostInfo", "1.0-4dba5ce236ea2dc559de8764995dd247"),
            Map.entry("HostPluginInfo", "1.0-5204e579864981c9891ecb5d1c9329f2"),
            Map.entry("HostPortProfileInfo", "1.0-e0bc9228c1456b220830d67b05bc4bf2"),
            Map.entry("HostVIFInfo", "1.1-00fdbeba3f9bb3bd2a723c17023ba182"),
            Map.entry("InstanceInfo", "1.0-84104d3435046b1a282ac8265ec2a976"),
            Map.entry("Network", "1.1-27a8a3e236d1d239121668a590130154"),
            Map.entry("Route", "1.0-5ca049cb82c4d4ec5edb1b839c1429c7"),
            Map.entry("RouteList", "1.0-15ecf022a68ddbb8c2a6739cfc9f8f5e"),
            Map.entry("Subnet", "1.0-6a8c192ef7492120d1a5e0fd08e44272"),
            Map.entry("SubnetList", "1.0-15ecf022a68ddbb8c2a6739cfc9f8f5e"),
            Map.entry("VIFBase", "1.0-4a5a8881dc999752cb050dd443458b6a"),
            Map.entry("VIFBridge", "1.0-e78d355f3505361fafbf0797ffad484a"),
            Map.entry("VIFDirect", "1.0-05c939280f4025fd1f7efb921a835c57"),
            Map.entry("VIFGeneric", "1.0-c72e637ed620f0135ea50a9409a3f389"),
            Map.entry("VIFHostDevice", "1.0-bb090f1869c3b4df36efda216ab97a61"),
            Map.entry("VIFNestedDPDK", "1.0-fdbaf6b20afd116529929b21aa7158dc"),
            Map.entry("VIFOpenVSwitch", "1.0-e78d355f3505361fafbf0797ffad484a"),
            Map.entry("VIFPortProfile8021Qbg", "1.1-b3011621809dca9216b50579ce9d6b19"),
            Map.entry("VIFPortProfile8021Qbh", "1.1-226b61b2e76ba452f7b31530cff80ac9"),
            Map.entry("VIFPortProfileBase", "1.1-4982d1621df12ebd1f3b07948f3d0e5f"),
            Map.entry("VIFPortProfileFPBridge", "1.1-49f1952bf50bab7a95112c908534751f"),
            Map.entry("VIFPortProfileFPOpenVSwitch", "1.4-20904c1dcdac0641cabf7b02525973bd"),
            Map.entry("VIFPortProfileFPTap", "1.1-fd178229477604dfb65de5ce929488e5"),
            Map.entry("VIFPortProfileK8sDPDK", "1.1-e2a2abd112b14e0239e76b99d9b252ae"),
            Map.entry("VIFPortProfileOVSRepresentor", "1.4-82b7292ee4cd6f808b724d2f5648932b"),
            Map.entry("VIFPortProfileOpenVSwitch", "1.4-54fb321f2b70c37d392fadc226c889e7"),
            Map.entry("VIFVHostUser", "1.1-1f95b43be1f884f090ca1f4d79adfd35")));

    @Test
    void fingerprintsEqualOsVifMastersTable() {
        Map<String, String> ours = new TreeMap<>();
        ObjectRegistry.types().forEach((name, type) -> ours.put(name, type.fingerprint()));
        assertThat(ours).isEqualTo(OBJECT_DATA);
    }
}

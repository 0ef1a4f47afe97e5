package org.osvif.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osvif.testsupport.JsonAssert;

/** The command-line contract of {@code osvif objects convert} and {@code objects fingerprints}. */
class ObjectsConvertTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void convertWritesEveryExampleBackUnchanged() throws Exception {
        String examples = CliRun.fixture("examples.jsonl");
        CliRun r = CliRun.of(examples, "objects", "convert");
        assertThat(r.exit).isZero();
        assertThat(r.err).isEmpty();
        List<String> in = lines(examples);
        List<String> out = lines(r.out);
        assertThat(out).hasSameSizeAs(in);
        for (int i = 0; i < in.size(); i++) {
            assertThat(JsonAssert.parse(out.get(i))).isEqualTo(JsonAssert.parse(in.get(i)));
        }
    }

    @Test
    void aBadLineFailsTheWholeRunWithOneErrorLineAndNoOutput() {
        String examples = CliRun.fixture("examples.jsonl");
        String bad = examples.replaceFirst("ca:fe:de:ad:be:ef", "zz:fe:de:ad:be:ef");
        CliRun r = CliRun.of(bad, "objects", "convert");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err).startsWith("error: line 1: VIFOpenVSwitch.address: 'zz:fe:de:ad:be:ef' is not a MAC address");
        assertThat(lines(r.err)).hasSize(1);
    }

    @Test
    void targetBacklevelsAndRefusesWhatPythonRefuses() throws Exception {
        String vif = CliRun.fixture("vif_ovs_full.json");
        CliRun r = CliRun.of(vif, "objects", "convert", "--target", "VIFPortProfileOpenVSwitch=1.1");
        assertThat(r.exit).isZero();
        JsonNode profile = JSON.readTree(r.out).at("/versioned_object.data/port_profile");
        assertThat(profile.get("versioned_object.version").asText()).isEqualTo("1.1");
        assertThat(profile.at("/versioned_object.data/create_port").isMissingNode()).isTrue();
        assertThat(profile.at("/versioned_object.data/datapath_type").asText()).isEqualTo("netdev");
        assertThat(profile.at("/versioned_object.data/datapath_offload").isMissingNode()).isTrue();

        CliRun above = CliRun.of(vif, "objects", "convert", "--target", "VIFPortProfileOpenVSwitch=1.4");
        assertThat(above.exit).isEqualTo(2);
        assertThat(above.out).isEmpty();
        assertThat(above.err).contains("Invalid target version 1.4");

        CliRun noRule = CliRun.of(vif, "objects", "convert", "--target", "Network=1.0");
        assertThat(noRule.exit).isEqualTo(2);
        assertThat(noRule.err).contains("No rule for subnets");
    }

    @Test
    void badTargetsAreUsageErrors() {
        assertThat(CliRun.of("", "objects", "convert", "--target", "Nope=1.0").err)
                .startsWith("error: --target: unknown object class 'Nope'");
        assertThat(CliRun.of("", "objects", "convert", "--target", "Network=x").exit).isEqualTo(2);
        assertThat(CliRun.of("", "objects", "convert", "--bogus").exit).isEqualTo(2);
    }

    @Test
    void hostInfoNegotiatesTheVifAndItsProfile(@TempDir Path dir) throws Exception {
        Path hostInfo = dir.resolve("host.json");
        // A compute host that only supports VIFOpenVSwitch 1.0 with VIFPortProfileOpenVSwitch 1.0-1.1.
        Files.writeString(hostInfo, hostInfo("ovs", "VIFOpenVSwitch", "1.0", "1.0", "VIFPortProfileOpenVSwitch", "1.0", "1.1"));
        CliRun r = CliRun.of(CliRun.fixture("vif_ovs_full.json"), "objects", "convert", "--host-info", hostInfo.toString());
        assertThat(r.err).isEmpty();
        assertThat(r.exit).isZero();
        JsonNode profile = JSON.readTree(r.out).at("/versioned_object.data/port_profile");
        assertThat(profile.get("versioned_object.version").asText()).isEqualTo("1.1");

        Files.writeString(hostInfo, hostInfo("linux_bridge", "VIFBridge", "1.0", "1.0", "VIFPortProfileOpenVSwitch", "1.0", "1.1"));
        CliRun missing = CliRun.of(CliRun.fixture("vif_ovs_full.json"), "objects", "convert", "--host-info", hostInfo.toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).startsWith("error: line 1: NoMatchingPlugin: No VIF plugin was found with the name ovs");

        Files.writeString(hostInfo, hostInfo("ovs", "VIFOpenVSwitch", "1.0", "1.0", "VIFPortProfileOpenVSwitch", "1.5", "1.9"));
        CliRun tooNew = CliRun.of(CliRun.fixture("vif_ovs_full.json"), "objects", "convert", "--host-info", hostInfo.toString());
        assertThat(tooNew.exit).isEqualTo(2);
        assertThat(tooNew.err).contains("NoSupportedPortProfileVersion");
    }

    static String hostInfo(String plugin, String vif, String vmin, String vmax, String profile, String pmin, String pmax) {
        String p = obj("HostPortProfileInfo", "1.0", "{\"profile_object_name\": \"" + profile + "\", \"min_version\": \""
                + pmin + "\", \"max_version\": \"" + pmax + "\"}");
        String v = obj("HostVIFInfo", "1.1", "{\"vif_object_name\": \"" + vif + "\", \"min_version\": \"" + vmin
                + "\", \"max_version\": \"" + vmax + "\", \"supported_port_profiles\": [" + p + "]}");
        String pl = obj("HostPluginInfo", "1.0", "{\"plugin_name\": \"" + plugin + "\", \"vif_info\": [" + v + "]}");
        return obj("HostInfo", "1.0", "{\"plugin_info\": [" + pl + "]}");
    }

    static String obj(String name, String version, String data) {
        return "{\"versioned_object.name\": \"" + name + "\", \"versioned_object.namespace\": \"os_vif\", "
                + "\"versioned_object.version\": \"" + version + "\", \"versioned_object.data\": " + data + "}";
    }

    @Test
    void fingerprintsListsEveryClassSorted() {
        CliRun r = CliRun.of("", "objects", "fingerprints");
        assertThat(r.exit).isZero();
        List<String> out = lines(r.out);
        assertThat(out).hasSize(31).isSorted();
        assertThat(out).contains("VIFOpenVSwitch 1.0-e78d355f3505361fafbf0797ffad484a",
                "VIFPortProfileOpenVSwitch 1.4-54fb321f2b70c37d392fadc226c889e7");
    }

    @Test
    void helpAndUnknownCommands() {
        assertThat(CliRun.of("", "--help").out).contains("objects convert", "objects fingerprints", "bench serialize");
        assertThat(CliRun.of("", "objects", "convert", "--help").out).startsWith("usage: osvif objects convert");
        CliRun unknown = CliRun.of("", "frobnicate");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).startsWith("error: unknown command");
        assertThat(CliRun.of("").exit).isEqualTo(2);
    }

    @Test
    void benchSerializePrintsTheContractKeys() throws Exception {
        CliRun r = CliRun.of("", "bench", "serialize", "--seconds", "0.05");
        assertThat(r.exit).isZero();
        JsonNode n = JSON.readTree(r.out);
        for (String k : List.of("json_bytes", "serialize_per_s", "deserialize_per_s", "to_primitive_v1_0_per_s")) {
            assertThat(n.get(k).asLong()).as(k).isPositive();
        }
    }
}

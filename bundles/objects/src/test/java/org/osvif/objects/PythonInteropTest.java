package org.osvif.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osvif.testsupport.JsonAssert;
import org.osvif.testsupport.Python;

/**
 * Interop with the real Python os-vif 3.0.0, both directions, on objects Python generates fresh
 * every run (at least 1,000 of every class) and on objects we generate: Java reads Python's
 * output, Python reads Java's output, JSON-equal.
 */
class PythonInteropTest {

    /** Debian's os-vif 3.0.0 knows these classes one version lower than master. */
    static final Map<String, String> DEBIAN_3_0_0 = Map.of(
            "VIFPortProfileOpenVSwitch", "1.3",
            "VIFPortProfileFPOpenVSwitch", "1.3",
            "VIFPortProfileOVSRepresentor", "1.3");

    /** The oracle scripts, run by Debian's python3 with python3-os-vif. */
    static final Path ORACLE = Path.of("src/test/oracle");
    static final long SEED = Long.getLong("osvif.interop.seed", System.nanoTime() % 1_000_000);
    static List<String> pythonObjects;

    @BeforeAll
    static void generate() throws Exception {
        assertThat(Python.INTERPRETER).as("Debian's python3, with python3-os-vif").isExecutable();
        System.out.println("interop seed " + SEED + " (rerun with -Dosvif.interop.seed=" + SEED + ")");
        pythonObjects = Python.run(ORACLE.resolve("gen_random.py"), List.of(), "--seed", Long.toString(SEED), "--per-class", "1000");
    }

    @Test
    void pythonMadeAtLeastAThousandOfEveryClass() throws Exception {
        Map<String, Integer> perClass = new TreeMap<>();
        for (String line : pythonObjects) {
            perClass.merge(JsonAssert.MAPPER.readTree(line).get("versioned_object.name").asText(), 1, Integer::sum);
        }
        assertThat(perClass.keySet()).isEqualTo(ObjectRegistry.types().keySet());
        assertThat(perClass.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(1000));
    }

    @Test
    void javaReadsAndWritesBackEveryPythonObject() {
        for (String line : pythonObjects) {
            VersionedObject o = Primitives.fromJson(line);
            assertThat(JsonAssert.parse(Primitives.toJson(o))).as(line).isEqualTo(JsonAssert.parse(line));
        }
    }

    @Test
    void pythonReadsBackWhatJavaWrites() throws Exception {
        List<String> ours = new ArrayList<>();
        for (String line : pythonObjects) {
            ours.add(Primitives.toJson(Primitives.fromJson(line)));
        }
        Random r = new Random(SEED);
        for (int i = 0; i < 5000; i++) {
            ours.add(Primitives.toJson(RandomObjects.any(r), DEBIAN_3_0_0));
        }
        List<String> back = Python.run(ORACLE.resolve("roundtrip.py"), ours);
        assertThat(back).hasSameSizeAs(ours);
        for (int i = 0; i < ours.size(); i++) {
            assertThat(JsonAssert.parse(back.get(i))).as(ours.get(i)).isEqualTo(JsonAssert.parse(ours.get(i)));
        }
    }

    @Test
    void backlevellingMatchesPythonOnGeneratedObjects() throws Exception {
        Random r = new Random(SEED);
        List<String> cases = new ArrayList<>();
        List<VersionedObject> inputs = new ArrayList<>();
        List<Map<String, String>> targets = new ArrayList<>();
        for (String line : pythonObjects) {
            VersionedObject o = Primitives.fromJson(line);
            if (o.type().version().equals("1.0") && !(o instanceof VIFBase) || r.nextInt(4) != 0) {
                continue;
            }
            Map<String, String> t = new HashMap<>();
            String top = o.version();
            t.put(o.type().name(), "1." + r.nextInt(Versions.minor(top) + 2));
            if (o instanceof VIFBase && ((VIFBase) o).portProfile() != null) {
                VIFPortProfileBase p = ((VIFBase) o).portProfile();
                t.put(p.type().name(), "1." + r.nextInt(Versions.minor(p.version()) + 1));
            }
            ObjectNode c = JsonAssert.MAPPER.createObjectNode();
            c.set("input", JsonAssert.MAPPER.readTree(line));
            c.set("target", JsonAssert.MAPPER.valueToTree(t));
            cases.add(c.toString());
            inputs.add(o);
            targets.add(t);
        }
        List<String> expected = Python.run(ORACLE.resolve("backlevel.py"), cases);
        assertThat(expected).hasSameSizeAs(cases);
        for (int i = 0; i < cases.size(); i++) {
            int n = i;
            assertSameOutcome(cases.get(i), expected.get(i), () -> Primitives.toJson(inputs.get(n), targets.get(n)));
        }
    }

    /** Python and we both refuse (with the same os-vif exception, where it is one) or write the same JSON. */
    static void assertSameOutcome(String c, String pythonLine, java.util.function.Supplier<String> ours) throws Exception {
        JsonNode e = JsonAssert.MAPPER.readTree(pythonLine);
        String json;
        try {
            json = ours.get();
        } catch (OsVifException refused) {
            assertThat(e.get("expected").isNull()).as(c + " refused by us: " + refused).isTrue();
            if (!(refused instanceof ObjectException)) {
                assertThat(refused.getClass().getSimpleName()).isEqualTo(e.get("python_error").asText().split(":")[0]);
            }
            return;
        }
        assertThat(e.get("expected").isNull()).as(c + " refused by Python: " + e.get("python_error")).isFalse();
        assertThat(JsonAssert.parse(json)).as(c).isEqualTo(JsonAssert.normalize(e.get("expected")));
    }

    @Test
    void negotiationAgainstAPeersHostInfoMatchesPython() throws Exception {
        Random r = new Random(SEED);
        List<String> cases = new ArrayList<>();
        List<VIFBase> vifs = new ArrayList<>();
        List<HostInfo> peers = new ArrayList<>();
        for (String line : pythonObjects) {
            VersionedObject o = Primitives.fromJson(line);
            if (!(o instanceof VIFBase) || !o.isSet(VIFBase.PLUGIN) || r.nextInt(3) != 0) {
                continue;
            }
            VIFBase vif = (VIFBase) o;
            HostInfo peer = peerFor(vif, r);
            ObjectNode c = JsonAssert.MAPPER.createObjectNode();
            c.set("input", JsonAssert.MAPPER.readTree(line));
            c.set("host_info", JsonAssert.MAPPER.readTree(Primitives.toJson(peer)));
            cases.add(c.toString());
            vifs.add(vif);
            peers.add(peer);
        }
        assertThat(cases).hasSizeGreaterThan(500);
        List<String> expected = Python.run(ORACLE.resolve("negotiate.py"), cases);
        assertThat(expected).hasSameSizeAs(cases);
        for (int i = 0; i < cases.size(); i++) {
            int n = i;
            assertSameOutcome(cases.get(i), expected.get(i),
                    () -> Primitives.toJson(vifs.get(n), Negotiation.targetsFor(peers.get(n), vifs.get(n))));
        }
    }

    /** A peer that has the VIF's plugin most of the time, with random version ranges. */
    static HostInfo peerFor(VIFBase vif, Random r) {
        List<HostPortProfileInfo> profiles = new ArrayList<>();
        VIFPortProfileBase p = vif.isSet(VIFBase.PORT_PROFILE) ? vif.portProfile() : null;
        if (p != null && r.nextInt(6) != 0) {
            profiles.add(HostPortProfileInfo.builder().profileObjectName(p.type().name())
                    .minVersion("1." + r.nextInt(3)).maxVersion("1." + r.nextInt(5)).build());
        }
        HostVIFInfo.Builder vinfo = HostVIFInfo.builder()
                .vifObjectName(r.nextInt(8) == 0 ? "VIFGeneric" : vif.type().name())
                .minVersion("1." + r.nextInt(2)).maxVersion("1." + r.nextInt(3));
        if (r.nextInt(5) != 0) {
            vinfo.supportedPortProfiles(profiles);
        }
        HostPluginInfo plugin = HostPluginInfo.builder()
                .pluginName(r.nextInt(8) == 0 ? "elsewhere" : vif.plugin())
                .vifInfo(List.of(vinfo.build())).build();
        return HostInfo.builder().pluginInfo(List.of(plugin)).build();
    }
}

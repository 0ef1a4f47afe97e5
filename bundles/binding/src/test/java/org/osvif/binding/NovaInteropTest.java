package org.osvif.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.osvif.objects.ObjectException;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBase;
import org.osvif.testsupport.JsonAssert;
import org.osvif.testsupport.Python;

/**
 * Our conversion against Debian's Nova 26.2.2 itself ({@code VIF.hydrate} + {@code
 * nova_to_osvif_vif}) on bindings generated fresh every run: JSON-equal objects, and a refusal
 * wherever Nova returns None or raises.
 */
class NovaInteropTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** What Nova 26.2.2 with Debian's os-vif 3.0.0 writes. */
    static final Map<String, String> OS_VIF_3_0_0 = Map.of("VIFPortProfileOpenVSwitch", "1.3",
            "VIFPortProfileFPOpenVSwitch", "1.3", "VIFPortProfileOVSRepresentor", "1.3");
    static final long SEED = Long.getLong("osvif.binding.seed", System.nanoTime() % 1_000_000);

    /** Runs an oracle script of src/test/oracle with Debian's python3 (Nova 26, os-vif 3.0.0). */
    static List<String> python(String script, List<String> stdin, String... args) throws Exception {
        return Python.run(Path.of("src/test/oracle", script), stdin, args);
    }

    @Test
    void everyGeneratedBindingConvertsAsNovaConvertsIt() throws Exception {
        System.out.println("binding seed " + SEED + " (rerun with -Dosvif.binding.seed=" + SEED + ")");
        List<String> bindings = python("gen_bindings.py", List.of(), Long.toString(SEED), "1400");
        List<String> nova = python("nova_convert.py", bindings);
        assertThat(nova).hasSameSizeAs(bindings);
        Map<String, Integer> converted = new TreeMap<>();
        int refused = 0;
        for (int i = 0; i < bindings.size(); i++) {
            JsonNode expected = JSON.readTree(nova.get(i));
            String in = bindings.get(i);
            if (expected.has("none") || expected.has("error")) {
                assertThatThrownBy(() -> Bindings.toVif(in.getBytes(StandardCharsets.UTF_8)))
                        .as(in + "\nNova: " + expected).isInstanceOf(ObjectException.class);
                refused++;
                continue;
            }
            VIFBase ours;
            try {
                ours = Bindings.toVif(in.getBytes(StandardCharsets.UTF_8));
            } catch (ObjectException e) {
                throw new AssertionError("we refused what Nova converts: " + e.getMessage() + "\n" + in, e);
            }
            assertThat(JsonAssert.normalize(JSON.readTree(Primitives.toJson(ours, OS_VIF_3_0_0)))).as(in)
                    .isEqualTo(JsonAssert.normalize(expected));
            String key = JSON.readTree(in).get("type").asText() + "/" + JSON.readTree(in).get("vnic_type").asText()
                    + " -> " + ours.type().name() + " " + ours.plugin();
            converted.merge(key, 1, Integer::sum);
        }
        System.out.println("converted as Nova does: " + converted + "; refused as Nova does: " + refused);
        assertThat(converted.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(500);
        assertThat(converted.keySet().stream().map(k -> k.substring(k.indexOf("-> ") + 3)).distinct().count())
                .as("VIF classes and plugins produced").isGreaterThanOrEqualTo(10);
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> Bindings.toVif("{\"type\": \"ovs\", \"network\": {\"id\": \"00000000-0000-0000-0000-000000000001\"}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BindingException.class).hasMessageStartingWith("vif.id: ");
        assertThatThrownBy(() -> Bindings.toVif(("{\"id\": \"00000000-0000-0000-0000-000000000002\", \"type\": \"ovs\", "
                + "\"details\": [1]}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BindingException.class).hasMessageStartingWith("vif.details: ");
        assertThatThrownBy(() -> Bindings.toVif(("{\"id\": \"00000000-0000-0000-0000-000000000003\", \"type\": \"quantum\", "
                + "\"network\": {\"id\": \"00000000-0000-0000-0000-000000000001\"}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BindingException.class).hasMessageContaining("quantum")
                .hasMessageContaining("00000000-0000-0000-0000-000000000003");
        assertThatThrownBy(() -> Bindings.toVif(("{\"id\": \"00000000-0000-0000-0000-000000000004\", \"type\": \"ovs\", "
                + "\"address\": \"zz:16:3e:00:00:01\", \"network\": {\"id\": \"00000000-0000-0000-0000-000000000001\"}}")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BindingException.class).hasMessageStartingWith("vif.address: 'zz:16:3e:00:00:01' is not a MAC address");
        assertThatThrownBy(() -> Bindings.toVif(("{\"id\": \"00000000-0000-0000-0000-000000000005\", \"type\": \"binding_failed\"}")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BindingException.class).hasMessageContaining("binding_failed")
                .hasMessageContaining("00000000-0000-0000-0000-000000000005");
    }
}

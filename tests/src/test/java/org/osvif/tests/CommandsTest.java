package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osvif.testsupport.JsonAssert;
import org.osvif.testsupport.TestData;

/** {@code osvif hostinfo}, {@code plug} and {@code unplug} as processes, with the embedded container. */
class CommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    static final String VHU = "{\"versioned_object.name\": \"VIFVHostUser\", \"versioned_object.namespace\": \"os_vif\", "
            + "\"versioned_object.version\": \"1.1\", \"versioned_object.data\": {\"id\": \"00000000-0000-0000-0000-0000000000%02d\", "
            + "\"plugin\": \"%s\", \"vif_name\": \"vhu%d\", \"path\": \"/var/run/vhu%d.sock\", \"mode\": \"server\"}}";
    static final String INSTANCE = "{\"versioned_object.name\": \"InstanceInfo\", \"versioned_object.namespace\": \"os_vif\", "
            + "\"versioned_object.version\": \"1.0\", \"versioned_object.data\": {\"uuid\": "
            + "\"00000000-0000-0000-0000-0000000000ff\", \"name\": \"vm\", \"project_id\": \"p\"}}";

    static String request(int n, String plugin) {
        return "{\"vif\": " + String.format(VHU, n, plugin, n, n) + ", \"instance_info\": " + INSTANCE + "}";
    }

    @Test
    void hostinfoDescribesTheNoopPluginExactlyAsPythonOsVif() throws Exception {
        Osvif r = Osvif.run(home, "", "hostinfo");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.lines()).hasSize(1);
        JsonNode ours = plugin(JSON.readTree(r.out), "noop");
        JsonNode python = null;
        for (String line : TestData.lines("examples.jsonl")) {
            JsonNode n = JSON.readTree(line);
            if (n.get("versioned_object.name").asText().equals("HostInfo") && plugin(n, "noop") != null) {
                python = plugin(n, "noop");
                break;
            }
        }
        assertThat(python).as("os_vif.host_info() in testdata/examples.jsonl").isNotNull();
        assertThat(JsonAssert.normalize(ours)).isEqualTo(JsonAssert.normalize(python));
    }

    @Test
    void hostinfoFiltersByVifTypes() throws Exception {
        Osvif none = Osvif.run(home, "", "hostinfo", "--vif-types", "VIFDirect");
        assertThat(JSON.readTree(none.out).at("/versioned_object.data/plugin_info")).isEmpty();
        Osvif some = Osvif.run(home, "", "hostinfo", "--vif-types=VIFVHostUser,VIFBridge");
        assertThat(plugin(JSON.readTree(some.out), "noop")).isNotNull();
    }

    @Test
    void plugAndUnplugReportEveryLine() throws Exception {
        String input = request(1, "noop") + "\n" + request(2, "no_such_plugin") + "\n" + request(3, "noop") + "\n";
        Osvif plug = Osvif.run(home, input, "plug");
        assertThat(plug.exit).as(plug.toString()).isEqualTo(1);
        List<String> lines = plug.lines();
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines.get(0)).get("ok").asBoolean()).isTrue();
        assertThat(JSON.readTree(lines.get(0)).get("ms").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(JSON.readTree(lines.get(1)).get("ok").asBoolean()).isFalse();
        assertThat(JSON.readTree(lines.get(1)).get("error").asText()).startsWith("NoMatchingPlugin: ");
        assertThat(JSON.readTree(lines.get(2)).get("vif_id").asText()).endsWith("03");
        assertThat(plug.err).contains("error: line 2: NoMatchingPlugin");

        Path file = home.resolve("vifs.jsonl");
        Files.writeString(file, request(1, "noop") + "\n");
        Osvif unplug = Osvif.run(home, "", "unplug", file.toString());
        assertThat(unplug.exit).as(unplug.toString()).isZero();
        assertThat(JSON.readTree(unplug.out).get("ok").asBoolean()).isTrue();
    }

    @Test
    void aLineThatIsNotValidInputIsExitTwoAndTheOthersStillRun() throws Exception {
        String input = "{\"vif\": 1}\n" + request(4, "noop") + "\n"
                + request(5, "noop").replace("\"server\"", "\"sideways\"") + "\n";
        Osvif r = Osvif.run(home, input, "plug", "-");
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.lines()).hasSize(3);
        assertThat(JSON.readTree(r.lines().get(1)).get("ok").asBoolean()).isTrue();
        assertThat(JSON.readTree(r.lines().get(2)).get("error").asText()).contains("vif.VIFVHostUser.mode")
                .contains("'sideways'");
    }

    @Test
    void aMissingFileIsAUsageError() throws Exception {
        Osvif r = Osvif.run(home, "", "plug", home.resolve("nope.jsonl").toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err.strip()).startsWith("error: plug: no such file");
    }

    static JsonNode plugin(JsonNode hostInfo, String name) {
        for (JsonNode p : hostInfo.at("/versioned_object.data/plugin_info")) {
            if (p.at("/versioned_object.data/plugin_name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }
}

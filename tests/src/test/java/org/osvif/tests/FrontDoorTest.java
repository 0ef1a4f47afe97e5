package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import org.osvif.testsupport.JsonAssert;
import org.osvif.testsupport.Processes;
import org.osvif.testsupport.TestNamespace;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer meets first: the README's first plug run as written, the shipped examples
 * (checked against Nova itself), and one behaviour for every command (error lines, --help,
 * OSVIF_LOG, --pretty), all through {@code runtime/bin/osvif} as a process.
 */
class FrontDoorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path README = Osvif.TOP.resolve("README.md");
    static final Path EXAMPLES = Osvif.TOP.resolve("examples");
    /** An error line of line-oriented input: {@code error: line N: <field path>: <what>}. */
    static final Pattern LINE_ERROR = Pattern.compile("error: line \\d+: \\S.*");

    @TempDir
    Path home;

    // --- the README -------------------------------------------------------------------------

    @Test
    void theReadmeIsAFrontDoorOfAtMost150Lines() throws Exception {
        List<String> lines = Files.readAllLines(README);
        assertThat(lines.size()).as("README.md lines").isLessThanOrEqualTo(150);
        List<String> headings = lines.stream().filter(l -> l.startsWith("## ")).toList();
        assertThat(headings).as("the README's sections, in order").hasSize(4);
        assertThat(headings.get(0)).containsIgnoringCase("set up");
        assertThat(headings.get(1)).containsIgnoringCase("first plug");
        assertThat(headings.get(2)).containsIgnoringCase("tour");
        assertThat(headings.get(3)).containsIgnoringCase("links");
        assertThat(String.join("\n", lines)).contains("    mvn -B install\n");
    }

    @Test
    void everyLinkOfTheReadmeAndTheDocsLeadsToAFileThatExists() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(README, EXAMPLES.resolve("host-agent/README.md")));
        try (Stream<Path> docs = Files.walk(Osvif.TOP.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        for (Path page : pages) {
            String text = Files.readString(page);
            Matcher m = link.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http")) {
                    continue;
                }
                Path to = page.getParent().resolve(target).normalize();
                assertThat(to).as(page + " links " + target).exists();
            }
        }
    }

    @Test
    void theFirstPlugRunsAsWrittenWithTheFilesTheRepositoryShips() throws Exception {
        List<String> commands = firstPlug();
        assertThat(commands).as("the first plug").hasSizeBetween(3, 5);
        Matcher files = Pattern.compile("(examples/\\S+|runtime/bin/osvif)").matcher(String.join("\n", commands));
        int named = 0;
        while (files.find()) {
            assertThat(Osvif.TOP.resolve(files.group(1))).as("named by the README").isRegularFile();
            named++;
        }
        assertThat(named).isGreaterThanOrEqualTo(commands.size());
        for (String command : commands) {
            Osvif r = Osvif.run(List.of("bash", "-o", "pipefail", "-c", "cd \"$(dirname \"$0\")/../..\" && " + command),
                    home, "");
            assertThat(r.exit).as(command + "\n" + r).isZero();
            assertThat(r.err).as(command).isEmpty();
            assertThat(r.out).as(command).isNotBlank();
            if (command.contains(" plug ") || command.contains(" unplug ")) {
                for (String line : r.lines()) {
                    assertThat(JSON.readTree(line).get("ok").asBoolean()).as(command + ": " + line).isTrue();
                }
            }
        }
    }

    /** The indented commands under the README's "A first plug" heading. */
    static List<String> firstPlug() throws Exception {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("## ")) {
                in = line.toLowerCase().contains("first plug");
            } else if (in && line.startsWith("    ") && !line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    // --- the examples -----------------------------------------------------------------------

    @Test
    void theNoopSamplePlugsAndUnplugsWithoutRoot() throws Exception {
        Path noop = EXAMPLES.resolve("requests/noop.jsonl");
        // As an unprivileged user would: no capability at all.
        List<String> unprivileged = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all");
        Path open = Files.createTempDirectory("osvif-noop");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            for (String verb : List.of("plug", "unplug")) {
                Osvif r = Osvif.run(unprivileged, open, "", verb, noop.toString());
                assertThat(r.exit).as(r.toString()).isZero();
                assertThat(r.lines()).hasSize(1);
                JsonNode line = JSON.readTree(r.lines().get(0));
                assertThat(line.get("ok").asBoolean()).isTrue();
                assertThat(line.get("vif_id").asText()).isEqualTo("c4e4bac2-8b2a-4fa0-9c5e-7d9a3f4b5c63");
            }
        } finally {
            try (Stream<Path> s = Files.walk(open)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aNovaBindingReachesPlugInOnePipeline() throws Exception {
        Osvif r = Osvif.run(List.of("bash", "-o", "pipefail", "-c", "cd \"$(dirname \"$0\")/../..\" && "
                + "runtime/bin/osvif objects from-binding --instance-info examples/requests/instance.json "
                + "< examples/bindings/vhostuser.jsonl | runtime/bin/osvif plug -"), home, "");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.lines()).hasSize(1);
        JsonNode line = JSON.readTree(r.lines().get(0));
        assertThat(line.get("ok").asBoolean()).isTrue();
        assertThat(line.get("vif_id").asText()).isEqualTo(
                JSON.readTree(Files.readString(EXAMPLES.resolve("bindings/vhostuser.jsonl"))).get("id").asText());
    }

    @Test
    void everyBindingExampleConvertsExactlyAsNovaConvertsIt() throws Exception {
        Path oracle = Osvif.TOP.resolve("bundles/binding/src/test/oracle/nova_convert.py");
        List<Path> bindings;
        try (Stream<Path> s = Files.list(EXAMPLES.resolve("bindings"))) {
            bindings = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertThat(bindings).extracting(p -> p.getFileName().toString())
                .contains("ovs.jsonl", "ovs-hybrid.jsonl", "vhostuser.jsonl", "sriov.jsonl");
        for (Path b : bindings) {
            Osvif ours = Osvif.run(home, "", "objects", "from-binding", b.toString());
            assertThat(ours.exit).as(b + ": " + ours).isZero();
            Processes.Result py = Processes.run(List.of("/usr/bin/python3", oracle.toString()), Files.readString(b),
                    Processes.COMMAND_TIMEOUT);
            String nova = py.out();
            assertThat(py.exit()).as(py.err()).isZero();
            JsonNode expected = JSON.readTree(nova);
            assertThat(expected.has("versioned_object.name")).as(b + ": Nova converts it: " + nova).isTrue();
            assertThat(JsonAssert.normalize(JSON.readTree(ours.out))).as(b.toString()).isEqualTo(JsonAssert.normalize(expected));
        }
    }

    @Test
    void theRequestExamplesAreTheBindingsOfTheirPlugin() throws Exception {
        Map<String, String> requestOf = Map.of("noop.jsonl", "vhostuser.jsonl", "ovs.jsonl", "ovs.jsonl",
                "linux-bridge.jsonl", "bridge.jsonl");
        Map<String, String> pluginOf = Map.of("noop.jsonl", "noop", "ovs.jsonl", "ovs", "linux-bridge.jsonl", "linux_bridge");
        JsonNode instance = JSON.readTree(EXAMPLES.resolve("requests/instance.json").toFile());
        assertThat(instance.get("versioned_object.name").asText()).isEqualTo("InstanceInfo");
        for (var e : requestOf.entrySet()) {
            Osvif made = Osvif.run(home, "", "objects", "from-binding", "--instance-info",
                    EXAMPLES.resolve("requests/instance.json").toString(), EXAMPLES.resolve("bindings/" + e.getValue()).toString());
            assertThat(made.exit).as(made.toString()).isZero();
            JsonNode shipped = JSON.readTree(EXAMPLES.resolve("requests/" + e.getKey()).toFile());
            assertThat(JSON.readTree(made.out)).as(e.getKey()).isEqualTo(shipped);
            assertThat(shipped.at("/vif/versioned_object.data/plugin").asText()).isEqualTo(pluginOf.get(e.getKey()));
            assertThat(shipped.get("instance_info")).isEqualTo(instance);
        }
    }

    @Test
    void theLinuxBridgeExamplePlugsInANamespace() throws Exception {
        try (TestNamespace testNs = TestNamespace.create("osvif-fd")) {
            String ns = testNs.name();
            Osvif r = Osvif.run(List.of("ip", "netns", "exec", ns), home, "", "plug",
                    EXAMPLES.resolve("requests/linux-bridge.jsonl").toString());
            assertThat(r.exit).as(r.toString()).isZero();
            assertThat(JSON.readTree(r.lines().get(0)).get("ok").asBoolean()).isTrue();
            Process link = new ProcessBuilder("ip", "-n", ns, "-j", "-d", "link", "show", "brq3cb9bc59-56").start();
            JsonNode bridge = JSON.readTree(link.getInputStream().readAllBytes()).get(0);
            assertThat(link.waitFor()).isZero();
            assertThat(bridge.at("/linkinfo/info_kind").asText()).isEqualTo("bridge");
            assertThat(bridge.get("flags").toString()).contains("\"UP\"");
        }
    }

    // --- one behaviour for every command ----------------------------------------------------

    static final String BRIDGE = "{\"versioned_object.name\": \"VIFBridge\", \"versioned_object.namespace\": \"os_vif\", "
            + "\"versioned_object.version\": \"1.0\", \"versioned_object.data\": {\"id\": "
            + "\"00000000-0000-0000-0000-000000000001\", \"vif_name\": \"%s\"}}";

    static String bridge(String vifName) {
        return String.format(BRIDGE, vifName);
    }

    static void assertOneLineError(Osvif r, int exit, String expected) {
        assertThat(r.exit).as(r.toString()).isEqualTo(exit);
        List<String> lines = r.err.lines().toList();
        assertThat(lines).as(r.toString()).hasSize(1);
        assertThat(lines.get(0)).isEqualTo(expected);
        assertNoInternals(lines.get(0));
    }

    static void assertNoInternals(String message) {
        assertThat(message).doesNotContain("Source:", "REDACTED", "StreamRead", "Constraints", "Exception", "java.",
                "jackson", "(line ");
    }

    @Test
    void lineInputErrorsAreLineFieldPathWhatInEveryCommand() throws Exception {
        String good = bridge("tap0");
        String twoMiB = "a".repeat(2 << 20);

        Osvif badField = Osvif.run(home, good + "\n" + good.replace("\"tap0\"", "12") + "\n", "objects", "convert");
        assertOneLineError(badField, 2, "error: line 2: VIFBridge.vif_name: expected a string, got number 12");
        assertThat(badField.out).isEmpty();

        Osvif malformed = Osvif.run(home, good + "\n{\"a\": \n", "objects", "convert");
        assertThat(malformed.err.strip()).matches(LINE_ERROR).startsWith("error: line 2: malformed JSON at column ");
        assertOneLineError(malformed, 2, malformed.err.strip());

        Osvif open = Osvif.run(home, "{\"versioned_object.data\": {\n", "objects", "convert");
        assertOneLineError(open, 2, "error: line 1: malformed JSON at column 28: unexpected end of input: "
                + "expected close marker for Object");

        Osvif huge = Osvif.run(home, bridge(twoMiB) + "\n", "objects", "convert");
        assertOneLineError(huge, 2, "error: line 1: a string value is longer than the 1 MiB limit");

        Osvif hugePlug = Osvif.run(home, "{\"vif\": " + bridge(twoMiB) + "}\n", "plug");
        assertOneLineError(hugePlug, 2, "error: line 1: vif: a string value is longer than the 1 MiB limit");
        JsonNode result = JSON.readTree(hugePlug.lines().get(0));
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("error").asText()).isEqualTo("vif: a string value is longer than the 1 MiB limit");

        String binding = Files.readString(EXAMPLES.resolve("bindings/ovs.jsonl")).strip();
        Osvif hugeBinding = Osvif.run(home, binding + "\n" + binding.replace("\"private\"", "\"" + twoMiB + "\"") + "\n",
                "objects", "from-binding");
        assertOneLineError(hugeBinding, 2, "error: line 2: a string value is longer than the 1 MiB limit");
        assertThat(hugeBinding.out).isEmpty();

        Osvif unbound = Osvif.run(home, binding.replace("\"type\": \"ovs\"", "\"type\": \"unbound\"") + "\n",
                "objects", "from-binding");
        assertThat(unbound.err.strip()).startsWith("error: line 1: vif.type: ").contains("unbound");
        assertOneLineError(unbound, 2, unbound.err.strip());

        Osvif badPlug = Osvif.run(home, "\n{\"vif\": " + bridge("tap0").replace("VIFBridge", "VIFNope") + "}\n", "unplug");
        assertOneLineError(badPlug, 2, "error: line 2: vif.VIFNope: unsupported object type VIFNope");

        Osvif tooLong = Osvif.run(home, "x".repeat((4 << 20) + 1) + "\n", "objects", "convert");
        assertOneLineError(tooLong, 2, "error: line 1: longer than the 4 MiB a line may hold");
    }

    @Test
    void otherErrorsAreOneErrorLineWithoutInternals() throws Exception {
        Path notJson = home.resolve("host.json");
        Files.writeString(notJson, "{\"versioned_object.name\": \"HostInfo\",");
        Osvif hostInfo = Osvif.run(home, "", "objects", "convert", "--host-info", notJson.toString());
        assertOneLineError(hostInfo, 2, "error: --host-info " + notJson + ": malformed JSON at column 38: "
                + "unexpected end of input within/between Object entries");

        Osvif instance = Osvif.run(home, "", "objects", "from-binding", "--instance-info", notJson.toString());
        assertThat(instance.err).startsWith("error: --instance-info " + notJson + ": malformed JSON at column ");
        assertOneLineError(instance, 2, instance.err.strip());

        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("org.osvif.core.json"), "{\"plugin_wait_ms\": ");
        Osvif config = Osvif.run(home, "", "hostinfo");
        assertThat(config.err).startsWith("error: " + etc.resolve("org.osvif.core.json") + ": not JSON: malformed JSON at");
        assertOneLineError(config, 1, config.err.strip());
    }

    @Test
    void objectsAndBenchHaveHelp() throws Exception {
        for (String group : List.of("objects", "bench")) {
            for (String help : List.of("--help", "-h")) {
                Osvif r = Osvif.run(home, "", group, help);
                assertThat(r.exit).as(r.toString()).isZero();
                assertThat(r.err).isEmpty();
                assertThat(r.out).startsWith("usage: osvif " + group + " <sub-command>");
            }
            Osvif bare = Osvif.run(home, "", group);
            assertOneLineError(bare, 2, "error: '" + group + "' needs a sub-command (see osvif " + group + " --help)");
        }
        assertThat(Osvif.run(home, "", "objects", "--help").out).contains("objects convert", "objects from-binding",
                "objects fingerprints").doesNotContain("bench ");
        assertThat(Osvif.run(home, "", "bench", "--help").out).contains("bench serialize", "bench binding", "bench plug");
        assertThat(Osvif.run(home, "", "objects", "from-binding", "--help").out).contains("--instance-info FILE");
    }

    @Test
    void osvifLogTakesTheUsualLevelNames() throws Exception {
        Osvif quiet = Osvif.run(home, "", "hostinfo");
        assertThat(quiet.err).as("a one-shot command logs nothing by default").isEmpty();
        Osvif debug = log("DEBUG");
        assertThat(debug.exit).as(debug.toString()).isZero();
        assertThat(debug.err).contains(" FINE ").contains(" INFO ").contains("plugin noop");
        Osvif trace = log("trace");
        assertThat(trace.exit).as(trace.toString()).isZero();
        assertThat(trace.err).contains(" FINE ");
        Osvif info = log("info");
        assertThat(info.err).contains(" INFO ").contains("plugin noop").doesNotContain(" FINE ");
        for (String name : List.of("WARN", "warning", "ERROR", "SEVERE", "OFF")) {
            Osvif r = log(name);
            assertThat(r.exit).as(name + ": " + r).isZero();
            assertThat(r.err).as(name).doesNotContain(" INFO ", " FINE ");
        }
        Osvif bad = log("LOUD");
        assertOneLineError(bad, 2, "error: OSVIF_LOG: unknown level 'LOUD' (use OFF, ERROR, WARN, INFO, DEBUG or TRACE)");
        assertThat(bad.out).isEmpty();
    }

    Osvif log(String level) throws Exception {
        return Osvif.run(Map.of("OSVIF_LOG", level), List.of(), home, "", "hostinfo");
    }

    @Test
    void prettyIsTheSameJsonIndentedAndPluginsComeInOneOrder() throws Exception {
        Osvif compact = Osvif.run(home, "", "hostinfo");
        Osvif pretty = Osvif.run(home, "", "hostinfo", "--pretty");
        assertThat(pretty.exit).as(pretty.toString()).isZero();
        assertThat(pretty.out.lines().count()).isGreaterThan(20);
        assertThat(pretty.out).contains("\n  \"versioned_object.data\": {\n");
        assertThat(JSON.readTree(pretty.out)).isEqualTo(JSON.readTree(compact.out));
        List<String> names = new ArrayList<>();
        JSON.readTree(compact.out).at("/versioned_object.data/plugin_info")
                .forEach(p -> names.add(p.at("/versioned_object.data/plugin_name").asText()));
        assertThat(names).containsExactly("linux_bridge", "noop", "ovs");

        Osvif plugins = Osvif.run(home, "", "plugins");
        Osvif prettyPlugins = Osvif.run(home, "", "plugins", "--pretty");
        assertThat(prettyPlugins.exit).as(prettyPlugins.toString()).isZero();
        List<String> order = new ArrayList<>();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : plugins.lines()) {
            JsonNode n = JSON.readTree(l);
            lines.add(((com.fasterxml.jackson.databind.node.ObjectNode) n).without(List.of("plugs", "unplugs", "failures", "mean_us")));
            order.add(n.get("plugin").asText());
        }
        assertThat(order).containsExactly("linux_bridge", "noop", "ovs");
        List<JsonNode> indented = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(
                JSON.getFactory().createParser(prettyPlugins.out).enable(JsonParser.Feature.ALLOW_COMMENTS))) {
            while (it.hasNext()) {
                indented.add(((com.fasterxml.jackson.databind.node.ObjectNode) it.next())
                        .without(List.of("plugs", "unplugs", "failures", "mean_us")));
            }
        }
        assertThat(indented).isEqualTo(lines);
        assertThat(prettyPlugins.out).contains("\n  \"plugin\": \"linux_bridge\",\n");
        assertOneLineError(Osvif.run(home, "", "plugins", "--loud"), 2,
                "error: plugins: unknown argument '--loud' (see --help)");
    }
}

package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osvif.testsupport.TestNamespace;

/**
 * The linux_bridge plugin in the distribution: {@code osvif plug} through the container (the
 * netlink bundle with its embedded jnr-ffi, in Felix) and {@code osvif bench plug}, each run
 * inside a network namespace the test makes ({@code ip netns exec}) and removes.
 */
class LinuxBridgeTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    TestNamespace ns;

    @BeforeEach
    void namespace() throws Exception {
        ns = TestNamespace.create("osvif-lbt");
    }

    @AfterEach
    void remove() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    static String vif(int n, String bridge, boolean filtering) {
        return "{\"versioned_object.name\": \"VIFBridge\", \"versioned_object.namespace\": \"os_vif\", "
                + "\"versioned_object.version\": \"1.0\", \"versioned_object.data\": {\"id\": "
                + "\"00000000-0000-0000-0000-0000000000" + String.format("%02d", n) + "\", \"address\": "
                + "\"ca:fe:de:ad:be:" + String.format("%02x", n) + "\", \"plugin\": \"linux_bridge\", \"vif_name\": "
                + "\"tap" + n + "\", \"bridge_name\": \"" + bridge + "\", \"has_traffic_filtering\": " + !filtering + ", "
                + "\"network\": {\"versioned_object.name\": \"Network\", \"versioned_object.namespace\": \"os_vif\", "
                + "\"versioned_object.version\": \"1.1\", \"versioned_object.data\": {\"id\": "
                + "\"00000000-0000-0000-0000-0000000000aa\", \"bridge\": \"" + bridge + "\", \"mtu\": 1450, "
                + "\"should_provide_bridge\": true, \"should_provide_vlan\": false, \"multi_host\": false, "
                + "\"bridge_interface\": null}}}}";
    }

    @Test
    void plugThroughTheContainerMakesTheBridges() throws Exception {
        String input = "{\"vif\": " + vif(1, "brc1", true) + ", \"instance_info\": " + CommandsTest.INSTANCE + "}\n"
                + "{\"vif\": " + vif(2, "brc1", true) + ", \"instance_info\": " + CommandsTest.INSTANCE + "}\n"
                + "{\"vif\": " + vif(3, "brc2-much-too-long", false) + ", \"instance_info\": " + CommandsTest.INSTANCE + "}\n";
        Osvif r = osvif(input, "plug");
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out.split("\n")) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("ok").asBoolean()).as(r.toString()).isTrue();
        assertThat(lines.get(1).get("ok").asBoolean()).isTrue();
        assertThat(lines.get(2).get("ok").asBoolean()).isFalse();
        assertThat(lines.get(2).get("error").asText()).contains("brc2-much-too-long", "at most 15");
        JsonNode links = JSON.readTree(ns.ip("-d", "-j", "link", "show", "brc1"));
        assertThat(links.at("/0/linkinfo/info_kind").asText()).isEqualTo("bridge");
        assertThat(links.at("/0/linkinfo/info_data/forward_delay").asInt()).isZero();
        assertThat(ns.exec("iptables-save")).contains("-A osvif-FORWARD -o brc1 -j DROP");
    }

    @Test
    void benchPlugPrintsTheContractLineAndCleansUp() throws Exception {
        Osvif r = osvif("", "bench", "plug", "--plugin", "linux_bridge", "--count", "10", "--warmup", "2");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode line = JSON.readTree(r.out);
        for (String key : List.of("plug_ms_median", "plug_ms_p99", "unplug_ms_median", "unplug_ms_p99")) {
            assertThat(line.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(line.get("n").asInt()).isEqualTo(10);
        assertThat(JSON.readTree(ns.ip("-j", "link", "show"))).hasSize(1);
    }

    @Test
    void withoutNetAdminAPlugFailsWithEpermNamingTheDeviceAndLeavesNothing() throws Exception {
        // Root without CAP_NET_ADMIN (dropped from the bounding set, so from what exec grants):
        // the kernel answers EPERM, which the plugin must report as such, for the device it asked about.
        String input = "{\"vif\": " + vif(4, "brperm", true) + ", \"instance_info\": " + CommandsTest.INSTANCE + "}\n";
        Osvif r = osvif(input, List.of("setpriv", "--bounding-set", "-net_admin", "--inh-caps", "-net_admin"), "plug");
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        JsonNode line = JSON.readTree(r.out);
        assertThat(line.get("ok").asBoolean()).isFalse();
        assertThat(line.get("error").asText()).as(r.toString()).contains("EPERM").contains("brperm");
        assertThat(JSON.readTree(ns.ip("-j", "link", "show"))).as("only lo").hasSize(1);
    }

    @Test
    void benchPlugUsageErrors() throws Exception {
        assertThat(osvif("", "bench", "plug").err).startsWith("error: bench plug: --plugin is required");
        Osvif unknown = osvif("", "bench", "plug", "--plugin", "nope");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).contains("no benchmark for plugin 'nope'");
        assertThat(osvif("", "bench", "plug", "--plugin", "linux_bridge", "--count", "0").exit).isEqualTo(2);
    }

    Osvif osvif(String stdin, String... args) throws Exception {
        return osvif(stdin, List.of(), args);
    }

    /** {@code osvif} in the namespace, behind a command prefix such as setpriv. */
    Osvif osvif(String stdin, List<String> prefix, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        cmd.addAll(prefix);
        return Osvif.run(cmd, home, stdin, args);
    }
}

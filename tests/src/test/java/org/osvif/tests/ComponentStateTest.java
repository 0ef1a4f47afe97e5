package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin whose component does not serve is reported with why by {@code osvif plugins} and
 * {@code osvif status}, never just missing (issue 14): one whose {@code @Activate} throws after
 * a change of {@code etc/}, and one whose reference nothing offers. On the built distribution as
 * a process, with the bundles built here.
 */
class ComponentStateTest {

    static final ObjectMapper JSON = new ObjectMapper();

    Path home;

    @BeforeEach
    void home() throws Exception {
        home = Files.createTempDirectory("osvif-components");
        Files.createDirectories(home.resolve("etc"));
        Files.createDirectories(home.resolve("deploy"));
    }

    @AfterEach
    void clean() throws Exception {
        try (var s = Files.walk(home)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void aComponentThatFailsAfterAConfigChangeOrLacksAReferenceIsReportedWithWhy() throws Exception {
        setMood("good");
        BadBundles.moody(home.resolve("deploy/moody.jar"));
        BadBundles.needy(home.resolve("deploy/needy.jar"));
        try (RunningOsvif c = RunningOsvif.start(home)) {
            JsonNode moody = Await.until("moody serving", 30, () -> plugin(c, "moody"),
                    p -> p != null && p.path("state").asText().equals("ACTIVE"));
            assertThat(moody.path("error").isMissingNode() || moody.path("error").isNull()).as(moody.toString()).isTrue();
            assertThat(hostInfoPlugins(c)).contains("moody");

            // needy's bundle is active, its component waits for a service nobody offers
            JsonNode needy = plugin(c, "needy");
            assertThat(needy).as("needy is listed, not missing").isNotNull();
            assertThat(needy.path("state").asText()).isEqualTo("UNSATISFIED_REFERENCE");
            assertThat(needy.path("bundle").asText()).isEqualTo("test.needy");
            assertThat(needy.path("error").asText()).contains("needy").contains("absent").contains("(test.absent=true)");

            // a valid change of etc/ that the component's activation refuses
            setMood("bad");
            JsonNode failed = Await.until("moody reported failed", 30, () -> plugin(c, "moody"),
                    p -> p != null && p.path("state").asText().equals("FAILED_ACTIVATION"));
            assertThat(failed.path("bundle").asText()).isEqualTo("test.moody");
            assertThat(failed.path("error").asText()).contains("moody refuses: mood=bad")
                    .contains("IllegalStateException");
            assertThat(hostInfoPlugins(c)).doesNotContain("moody").contains("noop");

            // status says the same, in its one line
            Osvif status = c.osvif("", "status");
            assertThat(status.exit).as(status.err).isZero();
            JsonNode s = JSON.readTree(status.out);
            List<String> states = new ArrayList<>();
            for (JsonNode p : s.path("plugins")) {
                states.add(p.path("plugin").asText() + "=" + p.path("state").asText());
                if (p.path("plugin").asText().equals("moody")) {
                    assertThat(p.path("error").asText()).contains("moody refuses: mood=bad");
                }
            }
            assertThat(states).contains("moody=FAILED_ACTIVATION", "needy=UNSATISFIED_REFERENCE", "noop=ACTIVE");

            // and a plug for it fails with a clear error, not a wait
            Osvif plug = c.osvif(CommandsTest.request(1, "moody") + "\n", "plug");
            assertThat(plug.exit).as(plug.toString()).isNotZero();
            assertThat(plug.out + plug.err).as(plug.toString()).contains("moody");

            // the configuration put right, it serves again
            setMood("good");
            Await.until("moody serving again", 30, () -> plugin(c, "moody"),
                    p -> p != null && p.path("state").asText().equals("ACTIVE"));
            assertThat(hostInfoPlugins(c)).contains("moody");
        }
    }

    void setMood(String mood) throws Exception {
        Path tmp = home.resolve("moody.cfg.tmp");
        Files.writeString(tmp, "mood = " + mood + "\n");
        Files.move(tmp, home.resolve("etc/test.moody.cfg"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static JsonNode plugin(RunningOsvif c, String name) throws Exception {
        Osvif r = c.osvif("", "plugins");
        assertThat(r.exit).as(r.err).isZero();
        for (String line : r.out.split("\n")) {
            JsonNode n = JSON.readTree(line);
            if (n.path("plugin").asText().equals(name)) {
                return n;
            }
        }
        return null;
    }

    static List<String> hostInfoPlugins(RunningOsvif c) throws Exception {
        Osvif r = c.osvif("", "hostinfo");
        assertThat(r.exit).as(r.err).isZero();
        List<String> names = new ArrayList<>();
        JsonNode info = JSON.readTree(r.out);
        for (JsonNode p : info.path("versioned_object.data").path("plugin_info")) {
            names.add(p.path("versioned_object.data").path("plugin_name").asText());
        }
        if (names.isEmpty()) {
            names.add(r.out); // an unexpected shape: the assertion shows it
        }
        return names;
    }
}

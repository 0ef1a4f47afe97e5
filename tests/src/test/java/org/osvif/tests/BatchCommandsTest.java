package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.osvif.tests.CommandsTest.JSON;
import static org.osvif.tests.CommandsTest.request;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code osvif plug --batch N} as a process: lines in flight together, results in input order. */
class BatchCommandsTest {

    @TempDir
    Path home;

    @Test
    void batchedLinesAnswerInInputOrderEachWithItsOwnOutcome() throws Exception {
        // 8 lines in batches of 3: an invalid line, an unknown plugin and a VIF named twice among them
        String input = String.join("\n", request(1, "noop"), "{\"vif\": 1}", request(2, "noop"),
                request(3, "no_such_plugin"), request(1, "noop"), request(4, "noop"), request(5, "noop"),
                request(6, "noop")) + "\n";
        Path file = home.resolve("vifs.jsonl");
        Files.writeString(file, input);
        for (String batch : List.of("3", "1", "256")) {
            Osvif r = Osvif.run(home, "", "plug", "--batch", batch, file.toString());
            assertThat(r.exit).as(r.toString()).isEqualTo(2);
            List<String> lines = r.lines();
            assertThat(lines).hasSize(8);
            String[] ids = {"01", null, "02", "03", "01", "04", "05", "06"};
            for (int i = 0; i < 8; i++) {
                JsonNode l = JSON.readTree(lines.get(i));
                if (ids[i] == null) {
                    assertThat(l.get("ok").asBoolean()).isFalse();
                    assertThat(l.get("vif_id").isNull()).isTrue();
                    continue;
                }
                assertThat(l.get("vif_id").asText()).as("line %d, --batch %s", i + 1, batch).endsWith(ids[i]);
                assertThat(l.get("ok").asBoolean()).isEqualTo(i != 3);
            }
            assertThat(r.err).contains("error: line 2: ").contains("error: line 4: NoMatchingPlugin");
        }
    }

    @Test
    void aBadBatchIsAUsageError() throws Exception {
        for (String bad : List.of("0", "x", "-3")) {
            Osvif r = Osvif.run(home, "", "plug", "--batch", bad, "-");
            assertThat(r.exit).as(r.toString()).isEqualTo(2);
            assertThat(r.err).contains("--batch must be a count in 1..100000");
            assertThat(r.out).isEmpty();
        }
        Osvif unknown = Osvif.run(home, "", "unplug", "--bogus");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).contains("unknown option '--bogus'");
    }
}

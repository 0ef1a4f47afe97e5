package org.osvif.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The test data Python os-vif made ({@code testdata/} of the repository, written by {@code
 * testdata/gen_testdata.py}), read from the class path ({@code org/osvif/testdata/}), so that a
 * test finds it wherever the checkout is. {@link TestDataDriftTest} keeps it equal to what the
 * script writes.
 */
public final class TestData {

    /** The files there are; the drift test checks the script writes exactly these. */
    public static final List<String> FILES = List.of("examples.jsonl", "backlevel.jsonl", "vif_ovs_full.json");

    private TestData() {
    }

    /** @return the whole file, e.g. {@code text("vif_ovs_full.json")} */
    public static String text(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/org/osvif/testdata/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test data " + name + " on the class path (one of " + FILES + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the file's non-blank lines, e.g. one primitive each of {@code examples.jsonl} */
    public static List<String> lines(String name) {
        return text(name).lines().filter(l -> !l.isBlank()).toList();
    }
}

package org.osvif.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in test data is what {@code testdata/gen_testdata.py} writes with the installed
 * Python os-vif, to the byte. Fails when either was edited without the other, or when os-vif
 * changed under it: then regenerate (docs/testing.md) and review the diff. Never skips: Python
 * os-vif is a prerequisite of the whole suite.
 */
class TestDataDriftTest {

    static final Path TESTDATA = Path.of(System.getProperty("osvif.testdata", "../testdata")).toAbsolutePath().normalize();

    @Test
    void aFreshGenerationEqualsTheCheckedInData(@TempDir Path fresh) throws Exception {
        assertThat(Python.INTERPRETER).as("Debian's python3 with python3-os-vif").isExecutable();
        Python.run(TESTDATA.resolve("gen_testdata.py"), List.of(), fresh.toString());
        try (Stream<Path> written = Files.list(fresh)) {
            assertThat(written.map(p -> p.getFileName().toString()).sorted())
                    .as("the files gen_testdata.py writes").containsExactlyElementsOf(TestData.FILES.stream().sorted().toList());
        }
        for (String name : TestData.FILES) {
            List<String> generated = Files.readAllLines(fresh.resolve(name));
            List<String> checkedIn = Files.readAllLines(TESTDATA.resolve(name));
            assertThat(checkedIn).as("testdata/%s against a fresh generation (regenerate: docs/testing.md)", name)
                    .containsExactlyElementsOf(generated);
            assertThat(Files.mismatch(fresh.resolve(name), TESTDATA.resolve(name))).as("%s, byte for byte", name).isEqualTo(-1L);
            assertThat(TestData.text(name)).as("%s on the class path is the checked-in file", name)
                    .isEqualTo(Files.readString(TESTDATA.resolve(name)));
        }
    }

    @Test
    void theDataHoldsWhatTheTestsRelyOn() {
        assertThat(TestData.lines("examples.jsonl")).hasSize(40).first().asString()
                .contains("\"address\": \"ca:fe:de:ad:be:ef\"");
        assertThat(TestData.lines("backlevel.jsonl")).hasSize(20)
                .filteredOn(l -> l.contains("\"python_error\"")).hasSize(4);
        assertThat(TestData.lines("vif_ovs_full.json")).singleElement()
                .isEqualTo(TestData.lines("examples.jsonl").get(0));
    }
}

package org.osvif.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.osvif.objects.Primitives;
import org.osvif.testsupport.JsonAssert;
import org.osvif.testsupport.TestData;

/** `bench serialize` times the object Python's side times (benchmarks/python/serialize_bench.py). */
class BenchFixtureTest {

    @Test
    void theBenchmarkVifIsTheOneOfTheTestData() {
        assertThat(JsonAssert.parse(Primitives.toJson(BenchFixture.vif())))
                .isEqualTo(JsonAssert.parse(TestData.text("vif_ovs_full.json")));
    }
}

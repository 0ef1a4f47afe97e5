package org.osvif.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlugOutcomeTest {

    @Test
    void phasesKeepThePluginsOrderAndCannotChange() {
        Map<String, Double> given = new LinkedHashMap<>();
        for (String p : new String[] {"queue", "build", "commit", "wait", "linux", "alpha", "zulu"}) {
            given.put(p, 1.0);
        }
        PlugOutcome o = PlugOutcome.done(given);
        given.put("later", 2.0);
        assertThat(o.phases().keySet()).containsExactly("queue", "build", "commit", "wait", "linux", "alpha", "zulu");
        assertThatThrownBy(() -> o.phases().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(PlugOutcome.done(null).phases()).isEmpty();
        assertThat(PlugOutcome.failed(new Exception("x")).phases()).isEmpty();
    }
}

package org.osvif.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComponentsTest {

    @Test
    void theRootCauseIsTheLastCausedByLine() {
        String trace = "org.osgi.service.component.ComponentException: cannot activate\n"
                + "\tat org.apache.felix.scr.impl.X.y(X.java:1)\n"
                + "Caused by: java.lang.reflect.InvocationTargetException\n"
                + "\tat a.b(C.java:2)\n"
                + "Caused by: java.lang.IllegalStateException: ovsdb_connection unix:/nope: no such file\n"
                + "\t... 3 more\n";
        assertThat(Components.rootCause(trace)).isEqualTo("java.lang.IllegalStateException: ovsdb_connection unix:/nope: no such file");
    }

    @Test
    void withoutACauseItIsTheFirstLineAndWithoutATraceItSaysSo() {
        assertThat(Components.rootCause("java.lang.IllegalStateException: moody refuses\n\tat x.y(Z.java:3)\n"))
                .isEqualTo("java.lang.IllegalStateException: moody refuses");
        assertThat(Components.rootCause(null)).contains("container log");
        assertThat(Components.rootCause(" ")).contains("container log");
    }

    @Test
    void statesAreNamedAsDsNamesThem() {
        assertThat(Components.stateName(Components.FAILED_ACTIVATION)).isEqualTo("FAILED_ACTIVATION");
        assertThat(Components.stateName(Components.UNSATISFIED_REFERENCE)).isEqualTo("UNSATISFIED_REFERENCE");
        assertThat(Components.stateName(Components.UNSATISFIED_CONFIGURATION)).isEqualTo("UNSATISFIED_CONFIGURATION");
        assertThat(Components.stateName(Components.SATISFIED)).isEqualTo("SATISFIED");
        assertThat(Components.stateName(Components.ACTIVE)).isEqualTo("ACTIVE");
        assertThat(Components.stateName(99)).isEqualTo("UNKNOWN(99)");
    }
}

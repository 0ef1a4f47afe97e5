package org.osvif.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;

/** {@code OSVIF_LOG}'s names, and the group help of {@code osvif objects} / {@code osvif bench}. */
class LogLevelTest {

    @Test
    void theUsualNamesMapToJulLevelsInAnyCase() {
        assertThat(LogLevel.parse("DEBUG")).isEqualTo(Level.FINE);
        assertThat(LogLevel.parse("trace")).isEqualTo(Level.FINEST);
        assertThat(LogLevel.parse("Info")).isEqualTo(Level.INFO);
        assertThat(LogLevel.parse("WARN")).isEqualTo(Level.WARNING);
        assertThat(LogLevel.parse("warning")).isEqualTo(Level.WARNING);
        assertThat(LogLevel.parse("ERROR")).isEqualTo(Level.SEVERE);
        assertThat(LogLevel.parse("SEVERE")).isEqualTo(Level.SEVERE);
        assertThat(LogLevel.parse("off")).isEqualTo(Level.OFF);
        assertThat(LogLevel.parse(" FINER ")).isEqualTo(Level.FINER);
    }

    @Test
    void anUnknownNameIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> LogLevel.parse("LOUD")).isInstanceOf(UsageException.class)
                .hasMessage("OSVIF_LOG: unknown level 'LOUD' (use OFF, ERROR, WARN, INFO, DEBUG or TRACE)");
        // A number is what JUL's own Level.parse would take; an operator's typo must not be one.
        assertThatThrownBy(() -> LogLevel.parse("800")).isInstanceOf(UsageException.class);
    }

    @Test
    void groupsListTheirSubCommandsOnly() {
        CliRun objects = CliRun.of("", "objects", "-h");
        assertThat(objects.exit).isZero();
        assertThat(objects.out).contains("objects convert", "objects from-binding", "objects fingerprints")
                .doesNotContain("bench serialize", "hostinfo");
        CliRun bench = CliRun.of("", "bench", "--help");
        assertThat(bench.out).contains("bench serialize", "bench binding", "bench plug").doesNotContain("objects");
        CliRun bare = CliRun.of("", "bench");
        assertThat(bare.exit).isEqualTo(2);
        assertThat(bare.err).isEqualTo("error: 'bench' needs a sub-command (see osvif bench --help)\n");
        assertThat(CliRun.of("", "objects", "frobnicate").err).startsWith("error: unknown command 'objects frobnicate'");
    }
}

package org.osvif.cli.internal;

import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code OSVIF_LOG}: the level of the log on stderr, by the names operators use (log4j's and
 * syslog's {@code DEBUG}, {@code WARN}, ...) as well as JUL's own. A name we do not know is a
 * usage error: silently logging at some other level would hide exactly what was asked for.
 */
final class LogLevel {

    static final String ENV = "OSVIF_LOG";

    private static final Map<String, Level> NAMES = Map.ofEntries(
            Map.entry("OFF", Level.OFF),
            Map.entry("ERROR", Level.SEVERE), Map.entry("SEVERE", Level.SEVERE),
            Map.entry("WARN", Level.WARNING), Map.entry("WARNING", Level.WARNING),
            Map.entry("INFO", Level.INFO),
            Map.entry("CONFIG", Level.CONFIG),
            Map.entry("DEBUG", Level.FINE), Map.entry("FINE", Level.FINE),
            Map.entry("FINER", Level.FINER),
            Map.entry("TRACE", Level.FINEST), Map.entry("FINEST", Level.FINEST),
            Map.entry("ALL", Level.ALL));

    private LogLevel() {
    }

    /**
     * @param name a level name, any case
     * @return its JUL level
     * @throws UsageException if it is not one of ours
     */
    static Level parse(String name) {
        Level l = NAMES.get(name.strip().toUpperCase(Locale.ROOT));
        if (l == null) {
            throw new UsageException(ENV + ": unknown level '" + name + "' (use OFF, ERROR, WARN, INFO, DEBUG or TRACE)");
        }
        return l;
    }

    /** @return the level {@code OSVIF_LOG} asks for, or null when it is unset or empty */
    static Level requested() {
        String v = System.getenv(ENV);
        return v == null || v.isBlank() ? null : parse(v);
    }

    /** Applies {@code OSVIF_LOG}, if set, to the root logger and its handlers; checks it either way. */
    static void fromEnvironment() {
        Level l = requested();
        if (l != null) {
            apply(l);
        }
    }

    /** Sets the root logger and its handlers (the console handler filters at INFO by itself). */
    static void apply(Level level) {
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (Handler h : root.getHandlers()) {
            h.setLevel(level);
        }
    }
}

package org.osvif.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import org.osvif.launcher.Container;

/**
 * Where the process's log goes (JUL, which {@code System.Logger} in the bundles writes to).
 * <ul>
 * <li>{@code osvif run}: every record at the level ({@code log_level}, or {@code OSVIF_LOG})
 * to {@code $OSVIF_HOME/log/osvif.log}, rotated by size; and to stderr, all of it when stderr is
 * not a terminal (a service manager: journald keeps it), only WARNING and above on a terminal,
 * where the operator types into the shell.</li>
 * <li>one-shot commands: nothing at all unless {@code OSVIF_LOG} asks, and then on stderr only.
 * Their stderr is their {@code error:} line; the log file is the container's, and hundreds of
 * short processes appending to it (and racing its rotation) would bury what the container says.</li>
 * </ul>
 * Keys of {@code etc/org.osvif.runtime.cfg}: {@code log_file}, {@code log_max_bytes},
 * {@code log_files}, {@code log_level}; see docs/observability.md.
 */
final class Logs {

    /** Framework property naming the log file, for the shell's {@code osvif:log}. */
    static final String FILE_PROPERTY = "osvif.log.file";
    static final long DEFAULT_MAX_BYTES = 10L << 20;
    static final int DEFAULT_FILES = 5;

    private Logs() {
    }

    /** A one-shot command: silent unless OSVIF_LOG names a level. */
    static void oneShot() {
        String env = System.getenv("OSVIF_LOG");
        Level level = env == null || env.isBlank() ? Level.OFF : level("OSVIF_LOG", env);
        Logger root = reset(level);
        if (level != Level.OFF) {
            root.addHandler(stderr(level, level));
        }
    }

    /**
     * The long-running container's log.
     *
     * @param home OSVIF_HOME
     * @param runtime the {@code org.osvif.runtime} configuration
     * @return the log file, or {@code null} when {@code log_file = none}
     */
    static Path container(Path home, Map<String, Object> runtime) {
        String env = System.getenv("OSVIF_LOG");
        Level level = env != null && !env.isBlank() ? level("OSVIF_LOG", env)
                : level(key("log_level"), String.valueOf(runtime.getOrDefault("log_level", "INFO")));
        String name = String.valueOf(runtime.getOrDefault("log_file", "log/osvif.log")).trim();
        long maxBytes = positive("log_max_bytes", runtime.getOrDefault("log_max_bytes", DEFAULT_MAX_BYTES));
        long files = positive("log_files", runtime.getOrDefault("log_files", DEFAULT_FILES));
        if (files > 100) {
            throw new UsageException(key("log_files") + " = " + files + ": at most 100 files");
        }
        Path file = name.equals("none") || name.isEmpty() ? null : home.resolve(name);
        Handler fileHandler = null;
        if (file != null) {
            try {
                fileHandler = new RotatingFileHandler(file, maxBytes, (int) files);
            } catch (IOException e) {
                throw new UsageException("cannot write the log file " + file + " (" + key("log_file") + "): " + e);
            }
            fileHandler.setFormatter(new OneLineFormatter(level.intValue() <= Level.FINE.intValue()));
            fileHandler.setLevel(level);
        }
        Logger root = reset(level);
        if (fileHandler != null) {
            root.addHandler(fileHandler);
        }
        Level onStderr = stderrIsTerminal() && level.intValue() < Level.WARNING.intValue() ? Level.WARNING : level;
        root.addHandler(stderr(onStderr, level));
        return file;
    }

    private static Logger reset(Level level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        return root;
    }

    private static Handler stderr(Level level, Level configured) {
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new OneLineFormatter(configured.intValue() <= Level.FINE.intValue()));
        h.setLevel(level);
        return h;
    }

    /** Linux: fd 2 is a terminal when it links to a tty or pseudo-terminal device. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String key(String k) {
        return Container.RUNTIME_PID + "." + k;
    }

    private static Level level(String what, String value) {
        try {
            return LogLevel.parse(value);
        } catch (UsageException e) {
            throw new UsageException(what + " = " + value + ": not a log level (OFF, ERROR, WARN, INFO, DEBUG, TRACE,"
                    + " or JUL's SEVERE, WARNING, CONFIG, FINE, FINER, FINEST, ALL)");
        }
    }

    private static long positive(String k, Object value) {
        try {
            long n = Long.parseLong(String.valueOf(value).trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(key(k) + " = " + value + ": must be a positive whole number");
    }
}

package org.osvif.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.osvif.OsVif;
import org.osvif.launcher.Container;

/**
 * A container for the duration of one command: started on the distribution's bundles with a
 * framework cache of its own under {@code $OSVIF_HOME/data}, removed when the command ends.
 */
final class Embedded implements AutoCloseable {

    /** Set by {@code osvif run}: commands served over the socket use the running container. */
    static volatile Container running;
    /** {@code --set} values of this command line: pid, key, value. */
    static volatile List<String[]> sets = List.of();

    private final Container container;
    private final boolean owned;
    final OsVif osVif;

    private Embedded(Container container, boolean owned) {
        this.container = container;
        this.owned = owned;
        this.osVif = container.osVif(Duration.ofSeconds(30));
    }

    Container container() {
        return container;
    }

    static Embedded start() {
        Container c0 = running;
        if (c0 != null) {
            return new Embedded(c0, false);
        }
        // A one-shot command's output is its stdout and its one 'error:' line; the container's
        // log would only clutter scripts' stderr (a failed plug is already reported on its line).
        // OSVIF_LOG (WARN, INFO, DEBUG, ...) brings it back.
        java.util.logging.Level level = LogLevel.requested();
        LogLevel.apply(level != null ? level : java.util.logging.Level.SEVERE);
        Path home = home();
        String bundles = System.getProperty("osvif.bundles");
        Path dir = bundles != null ? Path.of(bundles) : home.resolve("bundles");
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no bundle folder " + dir + " (build the runtime with mvn -B install)");
        }
        Container c = options(home).bundles(dir).withoutShell().throwAway().start();
        try {
            return new Embedded(c, true);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** @return options with this home's etc/ and the command line's --set values */
    static Container.Options options(Path home) {
        Container.Options o = Container.options(home).etc(home.resolve("etc"));
        if (featuresDir() != null) {
            o.features(featuresDir());
        }
        for (String[] s : sets) {
            o.set(s[0], s[1], s[2]);
        }
        return o;
    }

    /** @return the distribution's features folder, or null to install every jar of the bundle folder */
    static Path featuresDir() {
        String f = System.getProperty("osvif.features", "");
        return f.isEmpty() ? null : Path.of(f);
    }

    static Path home() {
        String env = System.getenv("OSVIF_HOME");
        return Path.of(env != null && !env.isEmpty() ? env : System.getProperty("osvif.home", "runtime"));
    }

    static Path bundleDir() {
        String bundles = System.getProperty("osvif.bundles");
        return bundles != null ? Path.of(bundles) : home().resolve("bundles");
    }

    @Override
    public void close() {
        if (owned) {
            container.close();
        }
    }
}

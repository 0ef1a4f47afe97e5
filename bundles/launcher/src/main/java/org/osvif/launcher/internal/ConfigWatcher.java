package org.osvif.launcher.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osvif.launcher.ContainerException;

/**
 * Watches {@code etc/} while the container runs (a {@link DirWatcher}) and hands the whole
 * configuration anew to Config Admin after each change: a component whose values changed is
 * reconfigured, one whose file was deleted goes back to its defaults. Each file is read on its
 * own: a file that does not parse, is too big or has keys that clash is refused alone (its pid
 * keeps what it had) while the other pids' edits apply; a FIFO is skipped. Nothing a file holds
 * stops the watching.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConfigWatcher.class.getName());
    /** An editor's save is several events; these within this window are one change. */
    private static final long SETTLE_MS = 50;

    private final long cap;
    private final Validator validator;
    private final Ownership owners;
    private final Function<Map<String, Map<String, Object>>, Map<String, Map<String, Object>>> complete;
    private final Consumer<Map<String, Map<String, Object>>> apply;
    /** pid to the properties of its file last read well: what a refused edit leaves in place */
    private final Map<String, Map<String, Object>> current = new TreeMap<>();
    private Map<String, Map<String, Object>> last;
    private final DirWatcher watcher;

    /**
     * @param etc the folder
     * @param cap the largest file read
     * @param owners who may own a file, or {@code null}
     * @param atStart what the container applied at start (etc/ and --set, completed)
     * @param validator checks one file against its component's metatype
     * @param complete adds to what etc/ holds what else the container configures (features'
     *        defaults under, --set values over)
     * @param apply hands the result to Config Admin
     * @throws IOException if the folder cannot be watched
     */
    public ConfigWatcher(Path etc, long cap, Ownership owners, Map<String, Map<String, Object>> atStart, Validator validator,
            Function<Map<String, Map<String, Object>>, Map<String, Map<String, Object>>> complete,
            Consumer<Map<String, Map<String, Object>>> apply) throws IOException {
        this.cap = cap;
        this.validator = validator;
        this.owners = owners;
        this.complete = complete;
        this.apply = apply;
        this.last = atStart;
        current.putAll(Configs.read(etc, cap, owners));
        this.watcher = new DirWatcher(etc, "osvif-etc-watcher", SETTLE_MS, Configs::isConfig, this::changed);
    }

    private void changed(Set<Path> files) {
        int refused = 0;
        for (Path f : files) {
            String pid = Configs.pid(f);
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                current.remove(pid);
                continue;
            }
            try {
                Map<String, Object> props = Configs.readOne(f, cap, owners);
                String why = props == null ? null : validator.refusal(f, pid, props);
                if (why != null) {
                    throw new ContainerException(why);
                }
                if (props != null) {
                    current.put(pid, props);
                }
            } catch (ContainerException e) {
                refused++;
                LOG.log(Level.ERROR, "etc/{0} refused, nothing of it applied ({1} keeps its previous configuration): {2}",
                        f.getFileName(), pid, e.getMessage());
            }
        }
        Map<String, Map<String, Object>> now;
        try {
            now = complete.apply(current);
        } catch (ContainerException e) {
            LOG.log(Level.ERROR, "etc/ changed but is not valid, nothing applied: {0}", e.getMessage());
            return;
        }
        if (!now.equals(last)) {
            apply.accept(now);
            last = now;
            LOG.log(Level.INFO, "etc/ changed: configuration applied{0}", refused == 0 ? "" : " (but for the refused files)");
        }
    }

    /** Checks one file's properties against what its component accepts. */
    @FunctionalInterface
    public interface Validator {
        /**
         * @param file the file
         * @param pid its pid
         * @param props what it holds
         * @return one line saying why it is refused, or {@code null}
         */
        String refusal(Path file, String pid, Map<String, Object> props);
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}

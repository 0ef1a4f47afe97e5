package org.osvif.launcher.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osvif.launcher.ContainerException;

/**
 * Watches {@code etc/} while the container runs (file-system notifications, no polling) and
 * hands the whole configuration anew to Config Admin after each change: a component whose
 * values changed is reconfigured, one whose file was deleted goes back to its defaults. A file
 * that does not parse is reported and changes nothing, so a half-edited file never takes a
 * plugin down.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConfigWatcher.class.getName());
    /** An editor's save is several events; these within this window are one change. */
    private static final long SETTLE_MS = 50;

    private final Path etc;
    private final WatchService watcher;
    private final Thread thread;
    private final Function<Map<String, Map<String, Object>>, Map<String, Map<String, Object>>> complete;
    private final Consumer<Map<String, Map<String, Object>>> apply;
    private volatile boolean closed;

    /**
     * @param etc the folder
     * @param complete adds to what etc/ holds what else the container configures (features'
     *        defaults under, --set values over)
     * @param apply hands the result to Config Admin
     * @throws IOException if the folder cannot be watched
     */
    public ConfigWatcher(Path etc, Function<Map<String, Map<String, Object>>, Map<String, Map<String, Object>>> complete,
            Consumer<Map<String, Map<String, Object>>> apply) throws IOException {
        this.etc = etc;
        this.complete = complete;
        this.apply = apply;
        this.watcher = FileSystems.getDefault().newWatchService();
        etc.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "osvif-etc-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        Map<String, Map<String, Object>> last = null;
        try {
            while (!closed) {
                WatchKey key = watcher.take();
                boolean relevant = false;
                do {
                    for (var e : key.pollEvents()) {
                        String name = Objects.toString(e.context(), "");
                        relevant |= name.endsWith(".cfg") || name.endsWith(".json");
                    }
                    key.reset();
                } while ((key = watcher.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null);
                if (!relevant) {
                    continue;
                }
                try {
                    Map<String, Map<String, Object>> now = complete.apply(Configs.read(etc));
                    if (!now.equals(last)) {
                        apply.accept(now);
                        last = now;
                        LOG.log(Level.INFO, "etc/ changed: configuration applied");
                    }
                } catch (ContainerException e) {
                    LOG.log(Level.ERROR, "etc/ changed but is not valid, nothing applied: {0}", e.getMessage());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watcher.close();
        thread.interrupt();
    }
}

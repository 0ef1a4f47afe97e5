package org.osvif.launcher.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Watches one folder with the file system's notifications (no polling) on a thread of its own
 * and hands the names that changed, a burst coalesced, to one handler: first every file present
 * at start, then each change. {@link Deployer} and {@link ConfigWatcher} share it; acting on the
 * files is theirs. A handler that throws is logged and the watching goes on: no file can stop it.
 */
public final class DirWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DirWatcher.class.getName());

    private final Path dir;
    private final WatchService watcher;
    private final Thread thread;
    private final long settleMs;
    private final Predicate<String> relevant;
    private final Consumer<Set<Path>> handler;
    private volatile boolean closed;

    /**
     * @param dir the folder
     * @param name the thread's name
     * @param settleMs events within this window are one change (a copy or an editor's save is many)
     * @param relevant which file names matter
     * @param handler told of the files present at start, then of each set of changed files
     *        (deleted ones included: it checks what exists)
     * @throws IOException if the folder cannot be watched
     */
    public DirWatcher(Path dir, String name, long settleMs, Predicate<String> relevant, Consumer<Set<Path>> handler)
            throws IOException {
        this.dir = dir;
        this.settleMs = settleMs;
        this.relevant = relevant;
        this.handler = handler;
        this.watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        Set<Path> present = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> relevant.test(p.getFileName().toString())).forEach(present::add);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot list " + dir + ": " + e.getMessage());
        }
        handle(present);
        try {
            while (!closed) {
                Set<Path> changed = new LinkedHashSet<>();
                collect(watcher.take(), changed);
                WatchKey more;
                while ((more = watcher.poll(settleMs, TimeUnit.MILLISECONDS)) != null) {
                    collect(more, changed);
                }
                if (!changed.isEmpty()) {
                    handle(changed);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private void handle(Set<Path> files) {
        try {
            handler.accept(files);
        } catch (RuntimeException | Error e) {
            // An Error too: the thread must outlive any one file (an OutOfMemoryError included).
            LOG.log(System.Logger.Level.ERROR, "watching " + dir + ": handling " + files + " failed; watching on", e);
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.context() instanceof Path p && relevant.test(p.toString())) {
                changed.add(dir.resolve(p));
            }
        }
        key.reset();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watcher.close();
        thread.interrupt();
    }
}

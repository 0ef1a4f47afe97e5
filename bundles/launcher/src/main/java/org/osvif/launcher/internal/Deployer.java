package org.osvif.launcher.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osvif.launcher.DeployEvent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * Watches {@code deploy/} with the file system's own notification (no polling) and keeps the
 * framework's vendor bundles equal to its jars: a new jar is installed and started, a jar with a
 * higher version of an installed symbolic name updates it in place (refreshing only it and its
 * dependents), a deleted jar is uninstalled. An upgrade whose bundle does not resolve or fails
 * to start is rolled back to the previous version, which keeps serving.
 *
 * <p>All framework operations run on this one thread, in order, so a bundle that misbehaves in
 * its activator can only delay the deployer, never deadlock the framework's callers.
 */
public final class Deployer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Deployer.class.getName());
    /** Events of one file that arrive within this window are one change (a copy is many writes). */
    private static final long SETTLE_MS = 30;
    /** How long an upgraded bundle has to register the plugins its previous version served. */
    private static final long PLUGIN_WAIT_MS = 5_000;

    private final BundleContext context;
    private final Path dir;
    private final WatchService watcher;
    private final Thread thread;
    private final Map<Path, Status> status = Collections.synchronizedMap(new LinkedHashMap<>());
    private final CountDownLatch scanned = new CountDownLatch(1);
    /** The jar each deployed bundle was installed from: what a failed upgrade rolls back to. */
    private final Map<Long, byte[]> installedBytes = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The file in deploy/ each deployed bundle last came from. */
    private final Map<Long, Path> sources = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;
    private final Signatures signatures;
    /** Counts status changes, so a caller can wait for the outcome of its own change. */
    private long seq;

    /** What happened to one file of deploy/, for {@code osvif plugins} and the log. */
    public record Status(String file, String symbolicName, String version, String state, String error, long seq) {
    }

    /**
     * @param context the framework's context
     * @param dir the deploy folder
     * @param signatures whose signatures a jar needs to be started, or {@code null} for any jar
     * @throws IOException if it cannot be watched
     */
    public Deployer(BundleContext context, Path dir, Signatures signatures) throws IOException {
        this.context = context;
        this.dir = dir;
        this.signatures = signatures;
        this.watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "osvif-deployer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Waits until the jars present at start have been deployed. */
    public boolean awaitInitialScan(long millis) throws InterruptedException {
        return scanned.await(millis, TimeUnit.MILLISECONDS);
    }

    /** @return the status of every file seen, in the order seen */
    public List<Status> status() {
        synchronized (status) {
            return new ArrayList<>(status.values());
        }
    }

    private void run() {
        try (var jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : jars) {
                deploy(jar);
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot list " + dir, e);
        }
        scanned.countDown();
        try {
            while (!closed) {
                WatchKey key = watcher.take();
                Set<Path> changed = new LinkedHashSet<>();
                collect(key, changed);
                // Coalesce the burst of events a copy makes, then act once per file.
                WatchKey more;
                while ((more = watcher.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) {
                    collect(more, changed);
                }
                for (Path p : changed) {
                    if (p.toString().endsWith(".jar")) {
                        if (Files.exists(p)) {
                            deploy(p);
                        } else {
                            undeploy(p);
                        }
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.context() instanceof Path) {
                changed.add(dir.resolve((Path) e.context()));
            }
        }
        key.reset();
    }

    private static String location(Path jar) {
        return "deploy:" + jar.getFileName();
    }

    private void deploy(Path jar) {
        byte[] bytes;
        Manifest mf;
        try {
            bytes = Files.readAllBytes(jar);
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes))) {
                mf = in.getManifest();
            }
        } catch (IOException e) {
            fail(jar, null, null, "not a readable jar: " + e.getMessage());
            return;
        }
        String bsn = mf == null ? null : mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null) {
            fail(jar, null, null, "not a bundle: no Bundle-SymbolicName in its manifest");
            return;
        }
        bsn = bsn.split(";")[0].trim();
        Version version;
        try {
            version = Version.parseVersion(mf.getMainAttributes().getValue(Constants.BUNDLE_VERSION));
        } catch (IllegalArgumentException e) {
            fail(jar, bsn, null, "bad Bundle-Version: " + e.getMessage());
            return;
        }
        if (signatures != null) {
            String why = signatures.check(bytes);
            if (why != null) {
                fail(jar, bsn, version.toString(), "refused (require_signed): " + why);
                return;
            }
        }
        Bundle existing = find(bsn);
        if (existing != null && jar.equals(jarOf(existing))
                && java.util.Arrays.equals(bytes, installedBytes.get(existing.getBundleId()))) {
            // The jar that is installed already (a rolled-back upgrade put it back): nothing to do.
            put(jar, new Status(jar.getFileName().toString(), bsn, existing.getVersion().toString(),
                    existing.getState() == Bundle.ACTIVE ? "ACTIVE" : "INSTALLED", null, 0));
            return;
        }
        if (existing == null) {
            install(jar, bytes, bsn, version);
        } else if (version.compareTo(existing.getVersion()) > 0
                || (version.equals(existing.getVersion()) && jar.equals(jarOf(existing)))) {
            upgrade(jar, bytes, existing, bsn, version);
        } else {
            fail(jar, bsn, version.toString(), "not newer than the installed " + bsn + " " + existing.getVersion()
                    + "; ignored");
        }
    }

    private Bundle find(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private void install(Path jar, byte[] bytes, String bsn, Version version) {
        Bundle b = null;
        try {
            b = context.installBundle(location(jar), new ByteArrayInputStream(bytes));
            b.start();
            checkPlugins(b, Set.of());
            ok(jar, bytes, bsn, version, "installed and started");
        } catch (BundleException | RuntimeException e) {
            if (b != null) {
                try {
                    b.uninstall();
                } catch (BundleException u) {
                    e.addSuppressed(u);
                }
            }
            fail(jar, bsn, version.toString(), "cannot install: " + e.getMessage());
        }
    }

    private void upgrade(Path jar, byte[] bytes, Bundle b, String bsn, Version version) {
        Version previous = b.getVersion();
        byte[] backup = installedBytes.get(b.getBundleId());
        Set<String> served = pluginNames(b);
        try {
            b.update(new ByteArrayInputStream(bytes));
            refresh(b);
            b.start();
            if (b.getState() != Bundle.ACTIVE) {
                throw new BundleException("not active after update (state " + b.getState() + ")");
            }
            checkPlugins(b, served);
            ok(jar, bytes, bsn, version, "updated from " + previous);
        } catch (BundleException | RuntimeException e) {
            String why = e.getMessage();
            if (backup != null) {
                try {
                    b.update(new ByteArrayInputStream(backup));
                    refresh(b);
                    b.start();
                    why += "; rolled back to " + previous;
                    DeployEvents.tell(context, new DeployEvent(DeployEvent.Kind.ROLLED_BACK, jar.getFileName().toString(),
                            bsn, previous.toString(), null));
                } catch (BundleException | RuntimeException r) {
                    why += "; rollback to " + previous + " failed too: " + r.getMessage();
                }
            }
            fail(jar, bsn, version.toString(), "upgrade failed: " + why);
        }
    }


    /** @return the names of the plugins a bundle registers */
    private Set<String> pluginNames(Bundle b) {
        Set<String> names = new java.util.TreeSet<>();
        ServiceReference<?>[] refs = b.getRegisteredServices();
        if (refs != null) {
            for (ServiceReference<?> r : refs) {
                if (isPlugin(r)) {
                    names.add(String.valueOf(r.getProperty(PluginName.NAME)));
                }
            }
        }
        return names;
    }

    private static boolean isPlugin(ServiceReference<?> r) {
        return java.util.Arrays.asList((String[]) r.getProperty(Constants.OBJECTCLASS)).contains(VifPlugin.class.getName());
    }

    /**
     * A bundle that starts can still fail where it matters: its plugin component throws when
     * activated (DS activates it on first use, after start returns). Activate each of its
     * plugins now, and require the plugins the previous version served, so a broken upgrade is
     * rolled back instead of silently serving nothing.
     */
    private void checkPlugins(Bundle b, Set<String> mustServe) throws BundleException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PLUGIN_WAIT_MS);
        Set<String> missing = new java.util.TreeSet<>(mustServe);
        while (true) {
            missing.removeAll(pluginNames(b));
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            // SCR registers a bundle's services as it starts; this only waits out a slow one.
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        if (!missing.isEmpty()) {
            throw new BundleException("it does not register plugin(s) " + missing + " that the previous version served");
        }
        ServiceReference<?>[] refs = b.getRegisteredServices();
        for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
            if (!isPlugin(r)) {
                continue;
            }
            Object service = context.getService(r);
            if (service == null) {
                throw new BundleException("its plugin " + r.getProperty(PluginName.NAME)
                        + " failed to activate (the container log has the exception)");
            }
            context.ungetService(r);
        }
    }

    private void refresh(Bundle b) throws BundleException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(b), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED || e.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                throw new BundleException("refresh of " + b.getSymbolicName() + " did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted refreshing " + b.getSymbolicName());
        }
    }

    private void undeploy(Path jar) {
        for (Bundle b : context.getBundles()) {
            if (jar.equals(jarOf(b))) {
                try {
                    String what = b.getSymbolicName() + " " + b.getVersion();
                    b.uninstall();
                    refresh(b);
                    installedBytes.remove(b.getBundleId());
                    sources.remove(b.getBundleId());
                    put(jar, new Status(jar.getFileName().toString(), b.getSymbolicName(),
                            b.getVersion().toString(), "UNINSTALLED", null, 0));
                    LOG.log(Level.INFO, "deploy/{0} deleted: {1} uninstalled", jar.getFileName(), what);
                    DeployEvents.tell(context, new DeployEvent(DeployEvent.Kind.REMOVED, jar.getFileName().toString(),
                            b.getSymbolicName(), b.getVersion().toString(), null));
                } catch (BundleException | RuntimeException e) {
                    fail(jar, b.getSymbolicName(), b.getVersion().toString(), "cannot uninstall: " + e.getMessage());
                }
                return;
            }
        }
        synchronized (status) {
            status.remove(jar);
            status.notifyAll();
        }
    }

    private void ok(Path jar, byte[] bytes, String bsn, Version version, String what) {
        Bundle b = find(bsn);
        if (b != null) {
            installedBytes.put(b.getBundleId(), bytes);
            // An upgrade dropped under another file name: that file is the bundle's jar now, so
            // deleting the old file (the usual next step) does not uninstall the new version.
            Path before = sources.put(b.getBundleId(), jar);
            if (before != null && !before.equals(jar) && Files.exists(before)) {
                put(before, new Status(before.getFileName().toString(), bsn, null, "REPLACED",
                        "replaced by " + jar.getFileName() + "; delete this file", 0));
            }
        }
        put(jar, new Status(jar.getFileName().toString(), bsn, version.toString(), "ACTIVE", null, 0));
        LOG.log(Level.INFO, "deploy/{0}: {1} {2} {3}", jar.getFileName(), bsn, version, what);
        DeployEvents.tell(context, new DeployEvent(what.startsWith("installed") ? DeployEvent.Kind.INSTALLED
                : DeployEvent.Kind.UPGRADED, jar.getFileName().toString(), bsn, version.toString(), null));
    }

    private void fail(Path jar, String bsn, String version, String error) {
        put(jar, new Status(jar.getFileName().toString(), bsn, version, "FAILED", error, 0));
        // WARNING, not ERROR: a bad jar is an outcome the operator acts on, the container is fine.
        LOG.log(Level.WARNING, "deploy/{0}: {1}", jar.getFileName(), error);
        DeployEvents.tell(context, new DeployEvent(DeployEvent.Kind.FAILED, jar.getFileName().toString(), bsn, version,
                error));
    }

    private void put(Path jar, Status s) {
        synchronized (status) {
            status.put(jar, new Status(s.file(), s.symbolicName(), s.version(), s.state(), s.error(), ++seq));
            status.notifyAll();
        }
    }

    /** @return the current status sequence number: pass it to {@link #awaitOutcome} */
    public long sequence() {
        synchronized (status) {
            return seq;
        }
    }

    /**
     * Waits until the deployer has acted on a file after a given point.
     *
     * @param jar the file in deploy/
     * @param after a {@link #sequence()} taken before the change
     * @param millis how long to wait
     * @return the file's new status, or {@code null} on timeout
     * @throws InterruptedException if interrupted
     */
    public Status awaitOutcome(Path jar, long after, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (status) {
            while (true) {
                Status s = status.get(jar);
                if (s != null && s.seq() > after) {
                    return s;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                status.wait(left);
            }
        }
    }

    /** @return the deploy folder */
    public Path dir() {
        return dir;
    }

    /**
     * @param bundle a bundle
     * @return its jar in deploy/, or {@code null} if it was not deployed from there
     */
    public Path jarOf(Bundle bundle) {
        Path upgradedFrom = sources.get(bundle.getBundleId());
        if (upgradedFrom != null) {
            return upgradedFrom;
        }
        String loc = bundle.getLocation();
        return loc.startsWith("deploy:") ? dir.resolve(loc.substring("deploy:".length())) : null;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watcher.close();
        thread.interrupt();
    }
}

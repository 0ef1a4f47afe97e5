package org.osvif.launcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import org.osvif.launcher.DeployEvent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * Keeps the framework's vendor bundles equal to the jars of {@code deploy/}: a new jar is
 * installed and started, a higher version of an installed symbolic name updates it in place
 * (refreshing only it and its dependents), a deleted jar is uninstalled.
 *
 * <p>What it will not let a file do:
 * <ul>
 * <li>block it: install, start and the first activation of the bundle's plugins run on a thread
 * of their own with a deadline; past it the bundle is FAILED with the stuck thread's stack,
 * stopped if it can be, and its file quarantined (by name and content hash, under
 * {@code data/quarantine/}) so that the next start skips it;</li>
 * <li>fill the heap: only regular files under a size cap, read streaming; the manifest capped;</li>
 * <li>take what the container provides: a package of the runtime or a plugin name already
 * served;</li>
 * <li>leave the host without a plugin: the last jar of each file that served is kept in
 * {@code data/last-good/}; a failed upgrade, and at start a broken, quarantined or downgraded
 * file, is answered by serving that jar ({@link #restore}, the one place of rollback).</li>
 * </ul>
 * Framework operations are started from this one thread, in order.
 */
public final class Deployer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Deployer.class.getName());
    /** Bundle location prefix of what came from deploy/. */
    public static final String LOCATION = "deploy:";
    /** Events of one file that arrive within this window are one change (a copy is many writes). */
    private static final long SETTLE_MS = 30;
    private static final int STACK_FRAMES = 12;

    /** What became of one file of deploy/. */
    public enum State {
        /** its bundle serves */
        ACTIVE,
        /** refused or failed; {@link Deployment#servingVersion()} says what serves instead, if anything */
        FAILED,
        /** it once blocked past its deadline: skipped until its content changes */
        QUARANTINED,
        /** an upgrade under another file name took its place; delete it */
        REPLACED,
        /** deleted: its bundle is gone */
        UNINSTALLED
    }

    /**
     * One file of deploy/ and what serves for it.
     *
     * @param file the file's name
     * @param symbolicName what the file is: its bundle's symbolic name, if readable
     * @param version what the file is: its bundle's version, if readable
     * @param state its state
     * @param error why it failed, or {@code null}
     * @param bundleId the installed bundle that came from it, or -1
     * @param servingVersion that bundle's version, or {@code null} if none serves
     * @param servedFrom where that bundle's jar is: {@code deploy/<file>} or {@code data/last-good/<file>}
     * @param seq the order of changes, for {@link #awaitOutcome}
     */
    public record Deployment(String file, String symbolicName, String version, State state, String error,
            long bundleId, String servingVersion, String servedFrom, long seq) {
    }

    private final BundleContext context;
    private final Path dir;
    private final Path lastGood;
    private final Path staging;
    private final Quarantine quarantine;
    private final Limits limits;
    private final Signatures signatures;
    private final Ownership owners;
    private final NameGuard names;
    private final BiFunction<JarInfo, Path, String> packageCheck;
    private final Map<Path, Deployment> deployments = new LinkedHashMap<>();
    private final CountDownLatch scanned = new CountDownLatch(1);
    private final DirWatcher watcher;
    private long seq;

    /**
     * @param context the framework's context
     * @param dir the deploy folder
     * @param data the container's data folder: last-good/, quarantine/ and staging/ go there
     * @param limits deadlines and caps
     * @param signatures whose signatures a jar needs to be started, or {@code null} for any jar
     * @param owners who may own a file, or {@code null} to check no owner
     * @param names which plugin names are taken
     * @param packageCheck why a jar may not be installed (what it exports, its configuration), or {@code null}
     * @throws IOException if the folder cannot be watched
     */
    public Deployer(BundleContext context, Path dir, Path data, Limits limits, Signatures signatures, Ownership owners,
            NameGuard names, BiFunction<JarInfo, Path, String> packageCheck) throws IOException {
        this.context = context;
        this.dir = dir;
        this.lastGood = data.resolve("last-good");
        this.staging = data.resolve("staging");
        this.quarantine = new Quarantine(data.resolve("quarantine"));
        this.limits = limits;
        this.signatures = signatures;
        this.owners = owners;
        this.names = names;
        this.packageCheck = packageCheck;
        this.watcher = new DirWatcher(dir, "osvif-deployer", SETTLE_MS, n -> n.endsWith(".jar") && !n.startsWith("."),
                this::changed);
    }

    /**
     * Waits until the jars present at start have been handled: each within its deadline, so this
     * is bounded by their number times the deadline.
     *
     * @param millis how long to wait at most
     * @return whether they were
     * @throws InterruptedException if interrupted
     */
    public boolean awaitInitialScan(long millis) throws InterruptedException {
        return scanned.await(millis, TimeUnit.MILLISECONDS);
    }

    private void changed(Set<Path> files) {
        try {
            for (Path p : files) {
                if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    deploy(p);
                } else {
                    undeploy(p);
                }
            }
        } finally {
            scanned.countDown();
        }
    }

    /** @return every file seen, in the order seen */
    public List<Deployment> deployments() {
        synchronized (deployments) {
            return new ArrayList<>(deployments.values());
        }
    }

    private void deploy(Path file) {
        String name = file.getFileName().toString();
        Deployment before = get(file);
        Bundle serving = before == null ? null : bundle(before.bundleId());
        Path staged = staging.resolve(name);
        String hash;
        JarInfo info;
        try {
            SaneFiles.check(file, limits.maxJar(), "max_jar_mib", owners);
            hash = SaneFiles.copy(file, staged, limits.maxJar());
        } catch (JarInfo.Refused | IOException e) {
            refused(file, null, serving, e.getMessage());
            return;
        }
        try {
            String q = quarantine.reason(name, hash);
            if (q != null) {
                quarantined(file, serving, q);
                return;
            }
            try {
                info = JarInfo.read(staged, limits.maxManifest());
                String why = packageCheck == null ? null : packageCheck.apply(info, staged);
                if (why == null && signatures != null) {
                    String s = signatures.check(staged);
                    why = s == null ? null : "refused (require_signed): " + s;
                }
                if (why != null) {
                    throw new JarInfo.Refused(why);
                }
            } catch (JarInfo.Refused e) {
                refused(file, null, serving, e.getMessage());
                return;
            }
            Bundle existing = find(info.symbolicName());
            if (existing != null && existing.getBundleId() == (before == null ? -1 : before.bundleId())
                    && hash.equals(quarantine.hashOf(lastGood.resolve(name)))) {
                // The jar that serves already (a rollback put it back in deploy/): nothing to do.
                put(file, info, State.ACTIVE, null, existing, file);
                return;
            }
            if (existing == null) {
                JarInfo good = lastGoodInfo(name);
                if (good != null && good.symbolicName().equals(info.symbolicName())
                        && info.version().compareTo(good.version()) < 0) {
                    refused(file, info, null, "holds " + info.version() + ", older than the last good " + good.version()
                            + " of this file (a downgrade copied in place?); to downgrade, delete the file, then drop the older jar");
                    return;
                }
                install(file, staged, hash, info);
            } else if (!isDeployed(existing)) {
                refused(file, info, null, info.symbolicName() + " is one of the runtime's own bundles; not replaced from deploy/");
            } else if (info.version().compareTo(existing.getVersion()) > 0
                    || (info.version().equals(existing.getVersion()) && existing.getBundleId() == idOf(before))) {
                upgrade(file, staged, hash, info, existing);
            } else {
                refused(file, info, existing, "not newer than the installed " + info.symbolicName() + " "
                        + existing.getVersion() + "; ignored");
            }
        } finally {
            delete(staged);
        }
    }

    /** A bundle that does not resolve is explained by its root cause, not by the resolver's nesting. */
    private String why(Bundle b, Exception e) {
        if (b != null && b.getState() == Bundle.INSTALLED && e instanceof BundleException be
                && be.getType() == BundleException.RESOLVE_ERROR) {
            return Diagnosis.explain(context, b);
        }
        return e.getMessage();
    }

    private static long idOf(Deployment d) {
        return d == null ? -1 : d.bundleId();
    }

    private static boolean isDeployed(Bundle b) {
        return b.getLocation().startsWith(LOCATION);
    }

    private void install(Path file, Path staged, String hash, JarInfo info) {
        Bundle b = null;
        try {
            b = withDeadline(file, hash, "install", () -> {
                try (InputStream in = Files.newInputStream(staged)) {
                    return context.installBundle(LOCATION + file.getFileName(), in);
                }
            });
            Bundle installed = b;
            withDeadline(file, hash, "start", () -> {
                startAndCheck(installed, Set.of());
                return null;
            });
            ok(file, staged, info, b, "installed and started");
        } catch (Stuck e) {
            stuck(file, info, b, e);
        } catch (BundleException | RuntimeException e) {
            String why = why(b, e);
            uninstallQuietly(file, b);
            failed(file, info, restore(file, null), "cannot install: " + why);
        }
    }

    private void upgrade(Path file, Path staged, String hash, JarInfo info, Bundle b) {
        Version previous = b.getVersion();
        Set<String> served = pluginNames(b);
        try {
            withDeadline(file, hash, "upgrade", () -> {
                try (InputStream in = Files.newInputStream(staged)) {
                    b.update(in);
                }
                refresh(b);
                startAndCheck(b, served);
                return null;
            });
            ok(file, staged, info, b, "updated from " + previous);
        } catch (Stuck e) {
            Bundle back = restore(file, b);
            failed(file, info, back, "upgrade failed: " + e.getMessage() + QUARANTINED
                    + (back != null ? "\nrolled back to " + back.getVersion() : ""));
        } catch (BundleException | RuntimeException e) {
            String why = why(b, e);
            Bundle back = restore(file, b);
            failed(file, info, back, "upgrade failed: " + why
                    + (back != null ? "; rolled back to " + back.getVersion() : "; no last good jar to roll back to"));
        }
    }

    /**
     * Rollback, the one place of it: serve the last good jar of a file again, updating the
     * bundle that came from it, or installing it anew when none is installed.
     *
     * @return the bundle that serves, or {@code null} if there is no last good jar or it failed too
     */
    private Bundle restore(Path file, Bundle b) {
        Path good = lastGood.resolve(file.getFileName().toString());
        if (!Files.isRegularFile(good)) {
            if (b != null) {
                uninstallQuietly(file, b);
            }
            return null;
        }
        try {
            return withDeadline(file, null, "restore", () -> {
                Bundle target = b;
                try (InputStream in = Files.newInputStream(good)) {
                    if (target == null) {
                        target = context.installBundle(LOCATION + file.getFileName(), in);
                    } else {
                        target.update(in);
                        refresh(target);
                    }
                }
                startAndCheck(target, Set.of());
                LOG.log(Level.WARNING, "deploy/{0}: serving the last good {1} {2} (data/last-good/{0})",
                        file.getFileName(), target.getSymbolicName(), target.getVersion());
                DeployEvents.tell(context, new DeployEvent(DeployEvent.Kind.ROLLED_BACK, file.getFileName().toString(),
                        target.getSymbolicName(), target.getVersion().toString(), null));
                return target;
            });
        } catch (Stuck | BundleException | RuntimeException e) {
            LOG.log(Level.ERROR, "deploy/{0}: the last good jar failed too: {1}", file.getFileName(), e.getMessage());
            return null;
        }
    }

    private JarInfo lastGoodInfo(String name) {
        Path good = lastGood.resolve(name);
        if (!Files.isRegularFile(good)) {
            return null;
        }
        try {
            return JarInfo.read(good, limits.maxManifest());
        } catch (JarInfo.Refused e) {
            return null;
        }
    }

    /**
     * Starts a bundle and checks it where it matters: its plugins register (those the previous
     * version served at least), take no name another bundle serves, and activate (DS activates a
     * component on first use, after start returns; a broken one must fail here, not at the
     * first plug).
     */
    private void startAndCheck(Bundle b, Set<String> mustServe) throws BundleException, InterruptedException {
        PluginWait wait = new PluginWait(context, b, mustServe);
        try {
            b.start();
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                throw new BundleException("not active after start (state " + b.getState() + ")");
            }
            Set<String> missing = wait.await(limits.deadlineMillis() / 2);
            if (!missing.isEmpty()) {
                throw new BundleException("it does not register plugin(s) " + missing + " that the previous version served");
            }
        } finally {
            wait.close();
        }
        ServiceReference<?>[] refs = b.getRegisteredServices();
        for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
            if (!NameGuard.isPlugin(r)) {
                continue;
            }
            String taken = names.refusal(r);
            if (taken != null) {
                throw new BundleException(taken);
            }
            Object service = context.getService(r);
            if (service == null) {
                String why = null;
                for (Components.PluginComponent c : Components.plugins(context)) {
                    if (c.componentIds().contains(r.getProperty("component.id")) && c.error() != null) {
                        why = c.error();
                    }
                }
                throw new BundleException("its plugin " + r.getProperty(PluginName.NAME) + " failed to activate: "
                        + (why != null ? why : "(the container log has the exception)"));
            }
            context.ungetService(r);
        }
    }

    /** Counts down as a bundle registers the plugin names it must serve: no polling. */
    private static final class PluginWait implements ServiceListener, AutoCloseable {
        private final BundleContext context;
        private final Bundle bundle;
        private final Set<String> missing;
        private final CountDownLatch done = new CountDownLatch(1);

        PluginWait(BundleContext context, Bundle bundle, Set<String> mustServe) {
            this.context = context;
            this.bundle = bundle;
            this.missing = new TreeSet<>(mustServe);
            if (missing.isEmpty()) {
                done.countDown();
                return;
            }
            try {
                context.addServiceListener(this, "(" + Constants.OBJECTCLASS + "=" + VifPlugin.class.getName() + ")");
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void serviceChanged(ServiceEvent e) {
            if (e.getType() == ServiceEvent.REGISTERED && e.getServiceReference().getBundle() == bundle) {
                synchronized (missing) {
                    missing.remove(String.valueOf(e.getServiceReference().getProperty(PluginName.NAME)));
                    if (missing.isEmpty()) {
                        done.countDown();
                    }
                }
            }
        }

        Set<String> await(long millis) throws InterruptedException {
            // What registered before the listener was added (during start) counts too.
            ServiceReference<?>[] refs = bundle.getRegisteredServices();
            synchronized (missing) {
                for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                    missing.remove(String.valueOf(r.getProperty(PluginName.NAME)));
                }
                if (missing.isEmpty()) {
                    done.countDown();
                }
            }
            done.await(millis, TimeUnit.MILLISECONDS);
            synchronized (missing) {
                return new TreeSet<>(missing);
            }
        }

        @Override
        public void close() {
            try {
                context.removeServiceListener(this);
            } catch (IllegalStateException gone) {
                // the framework stopped
            }
        }
    }

    /** A framework operation that did not return within the deadline. */
    private static final class Stuck extends Exception {
        private static final long serialVersionUID = 1L;

        Stuck(String message) {
            super(message);
        }
    }

    /**
     * Runs one framework operation on a thread of its own and waits for it up to the deadline.
     * Past it, the thread is interrupted and left; the file is quarantined.
     */
    private <T> T withDeadline(Path file, String hash, String what, Callable<T> op) throws Stuck, BundleException {
        FutureTask<T> task = new FutureTask<>(op);
        Thread t = new Thread(task, "osvif-deploy-" + what + "-" + file.getFileName());
        t.setDaemon(true);
        t.start();
        try {
            return task.get(limits.deadlineMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            StringBuilder stack = new StringBuilder();
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
                stack.append("\n\tat ").append(frames[i]);
            }
            t.interrupt();
            String why = what + " did not finish within " + limits.deadlineMillis() + " ms (deploy_deadline_ms); thread "
                    + t.getName() + " is stuck" + stack;
            if (hash != null) {
                quarantine.add(file.getFileName().toString(), hash, why);
            }
            throw new Stuck(why);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof BundleException be) {
                throw be;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new BundleException(String.valueOf(c), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted");
        }
    }

    /** The bundle blocked: fail it, and stop and remove it on a thread that may block in turn. */
    private void stuck(Path file, JarInfo info, Bundle b, Stuck e) {
        if (b != null) {
            Thread t = new Thread(() -> uninstallQuietly(file, b), "osvif-deploy-stop-" + file.getFileName());
            t.setDaemon(true);
            t.start();
        }
        failed(file, info, null, e.getMessage() + QUARANTINED);
    }

    private static final String QUARANTINED = "\nquarantined: the next start skips this file until its content changes";

    private void uninstallQuietly(Path file, Bundle b) {
        if (b == null) {
            return;
        }
        try {
            b.uninstall();
            refresh(b);
        } catch (BundleException | IllegalStateException e) {
            LOG.log(Level.WARNING, "deploy/{0}: cannot remove {1}: {2}", file.getFileName(), b.getSymbolicName(), e.getMessage());
        }
    }

    private Set<String> pluginNames(Bundle b) {
        Set<String> out = new TreeSet<>();
        ServiceReference<?>[] refs = b.getRegisteredServices();
        for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
            if (NameGuard.isPlugin(r)) {
                out.add(String.valueOf(r.getProperty(PluginName.NAME)));
            }
        }
        return out;
    }

    private void refresh(Bundle b) throws BundleException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(b), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED || e.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(limits.deadlineMillis(), TimeUnit.MILLISECONDS)) {
                throw new BundleException("refresh of " + b.getSymbolicName() + " did not finish in "
                        + limits.deadlineMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted refreshing " + b.getSymbolicName());
        }
    }

    private void undeploy(Path file) {
        Deployment d = get(file);
        Bundle b = d == null ? null : bundle(d.bundleId());
        delete(lastGood.resolve(file.getFileName().toString()));
        if (b == null) {
            synchronized (deployments) {
                deployments.remove(file);
                deployments.notifyAll();
            }
            return;
        }
        String what = b.getSymbolicName() + " " + b.getVersion();
        try {
            withDeadline(file, null, "uninstall", () -> {
                b.uninstall();
                refresh(b);
                return null;
            });
            put(file, new Deployment(d.file(), d.symbolicName(), d.version(), State.UNINSTALLED, null, -1, null, null, 0));
            LOG.log(Level.INFO, "deploy/{0} deleted: {1} uninstalled", file.getFileName(), what);
            DeployEvents.tell(context, new DeployEvent(DeployEvent.Kind.REMOVED, file.getFileName().toString(),
                    d.symbolicName(), d.version(), null));
        } catch (Stuck | BundleException | RuntimeException e) {
            put(file, new Deployment(d.file(), d.symbolicName(), d.version(), State.FAILED, "cannot uninstall: "
                    + e.getMessage(), -1, null, null, 0));
            LOG.log(Level.ERROR, "deploy/{0}: cannot uninstall {1}: {2}", file.getFileName(), what, e.getMessage());
        }
    }

    private void ok(Path file, Path staged, JarInfo info, Bundle b, String what) {
        String name = file.getFileName().toString();
        Path good = lastGood.resolve(name);
        try {
            Files.createDirectories(lastGood);
            Files.copy(staged, good, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "deploy/{0}: cannot keep it as last good: {1}", name, e.getMessage());
        }
        // An upgrade dropped under another file name: that file is the bundle's jar now, so
        // deleting the old file (the usual next step) does not uninstall the new version.
        for (Deployment d : deployments()) {
            if (d.bundleId() == b.getBundleId() && !d.file().equals(name)) {
                Path old = dir.resolve(d.file());
                delete(lastGood.resolve(d.file()));
                put(old, new Deployment(d.file(), d.symbolicName(), d.version(), State.REPLACED,
                        "replaced by " + name + "; delete this file", -1, null, null, 0));
            }
        }
        put(file, info, State.ACTIVE, null, b, file);
        LOG.log(Level.INFO, "deploy/{0}: {1} {2} {3}", name, info.symbolicName(), info.version(), what);
        DeployEvents.tell(context, new DeployEvent(what.startsWith("updated") ? DeployEvent.Kind.UPGRADED
                : DeployEvent.Kind.INSTALLED, name, info.symbolicName(), info.version().toString(), null));
    }

    private void refused(Path file, JarInfo info, Bundle serving, String why) {
        Bundle b = serving;
        if (b == null && get(file) == null) {
            // At start (nothing from this file serves yet): the last good jar does.
            b = restore(file, null);
        }
        failed(file, info, b, why);
    }

    private void quarantined(Path file, Bundle serving, String reason) {
        Bundle b = serving != null ? serving : restore(file, null);
        String why = "quarantined, skipped: " + reason.lines().findFirst().orElse(reason) + " (delete data/quarantine/"
                + quarantine.entryName(file.getFileName().toString()) + "* or replace the file to retry)";
        LOG.log(Level.WARNING, "deploy/{0}: {1}", file.getFileName(), why);
        put(file, null, State.QUARANTINED, why, b, lastGood.resolve(file.getFileName().toString()));
    }

    private void failed(Path file, JarInfo info, Bundle serving, String why) {
        Path from = serving == null ? null : lastGood.resolve(file.getFileName().toString());
        put(file, info, State.FAILED, why, serving, from);
        // WARNING, not ERROR: a bad jar is an outcome the operator acts on; the container is fine.
        LOG.log(Level.WARNING, "deploy/{0}: {1}{2}", file.getFileName(), why, serving == null ? ""
                : "; " + serving.getSymbolicName() + " " + serving.getVersion() + " serves");
        DeployEvents.tell(context, new DeployEvent(DeployEvent.Kind.FAILED, file.getFileName().toString(),
                info == null ? null : info.symbolicName(), info == null ? null : info.version().toString(), why));
    }

    private void put(Path file, JarInfo info, State state, String error, Bundle serving, Path from) {
        Deployment before = get(file);
        String bsn = info != null ? info.symbolicName() : state == State.QUARANTINED && before != null ? before.symbolicName() : null;
        String version = info != null ? info.version().toString() : null;
        put(file, new Deployment(file.getFileName().toString(), bsn, version, state, error,
                serving == null ? -1 : serving.getBundleId(), serving == null ? null : serving.getVersion().toString(),
                from == null ? null : (from.startsWith(dir) ? "deploy/" : "data/last-good/") + from.getFileName(), 0));
    }

    private void put(Path file, Deployment d) {
        synchronized (deployments) {
            deployments.put(file, new Deployment(d.file(), d.symbolicName(), d.version(), d.state(), d.error(),
                    d.bundleId(), d.servingVersion(), d.servedFrom(), ++seq));
            deployments.notifyAll();
        }
    }

    private Deployment get(Path file) {
        synchronized (deployments) {
            return deployments.get(file);
        }
    }

    private Bundle bundle(long id) {
        Bundle b = id < 0 ? null : context.getBundle(id);
        return b == null || b.getState() == Bundle.UNINSTALLED ? null : b;
    }

    private Bundle find(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + p + ": " + e);
        }
    }

    /** @return the current change sequence number: pass it to {@link #awaitOutcome} */
    public long sequence() {
        synchronized (deployments) {
            return seq;
        }
    }

    /**
     * Waits until the deployer has acted on a file after a given point.
     *
     * @param file the file in deploy/
     * @param after a {@link #sequence()} taken before the change
     * @param millis how long to wait
     * @return the file's new deployment, or {@code null} on timeout
     * @throws InterruptedException if interrupted
     */
    public Deployment awaitOutcome(Path file, long after, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (deployments) {
            while (true) {
                Deployment d = deployments.get(file);
                if (d != null && d.seq() > after) {
                    return d;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                deployments.wait(left);
            }
        }
    }

    /** @return the deploy folder */
    public Path dir() {
        return dir;
    }

    /** @return the folder of the last good jars */
    public Path lastGood() {
        return lastGood;
    }

    /** @return how long one operation may take */
    public Limits limits() {
        return limits;
    }

    /**
     * @param bundle a bundle
     * @return the deployment it serves for, or {@code null} if it did not come from deploy/
     */
    public Deployment deploymentOf(Bundle bundle) {
        Deployment found = null;
        for (Deployment d : deployments()) {
            if (d.bundleId() == bundle.getBundleId() && d.state() != State.REPLACED) {
                found = d;
            }
        }
        return found;
    }

    /**
     * @param bundle a bundle
     * @return its file in deploy/, or {@code null} if it was not deployed from there
     */
    public Path jarOf(Bundle bundle) {
        Deployment d = deploymentOf(bundle);
        if (d != null) {
            return dir.resolve(d.file());
        }
        String loc = bundle.getLocation();
        return loc.startsWith(LOCATION) ? dir.resolve(loc.substring(LOCATION.length())) : null;
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}

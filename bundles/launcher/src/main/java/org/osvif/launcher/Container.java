package org.osvif.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import java.net.URI;
import java.util.Hashtable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.osvif.launcher.internal.ConfigWatcher;
import org.osvif.launcher.internal.Configs;
import org.osvif.launcher.internal.Features;
import org.osvif.launcher.internal.PluginManager;
import org.osvif.launcher.internal.Signatures;
import org.osvif.plugin.HostInfoListener;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;
import org.osvif.OsVif;
import org.osvif.launcher.internal.Deployer;

/**
 * The osvif container in this process: a Felix framework running SCR, the core dispatcher and
 * the plugin bundles. The object model and the API are not installed as bundles but exported
 * from this class path, so the host agent and the plugins share one {@code OsVif},
 * {@code VIFBase}, ... and the host calls the service with its own types.
 *
 * <pre>
 * try (Container c = Container.start(Container.options(home).bundles(dir))) {
 *     OsVif osvif = c.osVif(Duration.ofSeconds(10));
 *     osvif.plug(vif, instance);
 * }
 * </pre>
 */
public final class Container implements AutoCloseable, PluginBundles {

    /** Packages the host exports into the framework: the object model, the API, Jackson. */
    static final String SYSTEM_PACKAGES = String.join(",",
            "org.osvif;version=1.1.0",
            "org.osvif.plugin;version=1.1.0",
            "org.osvif.objects;version=1.1.0",
            "org.osvif.launcher;version=1.1.0",
            "org.osgi.service.cm;version=1.6.1",
            "com.fasterxml.jackson.core;version=2.18.2",
            "com.fasterxml.jackson.core.io;version=2.18.2",
            "com.fasterxml.jackson.core.exc;version=2.18.2",
            "com.fasterxml.jackson.core.util;version=2.18.2");

    private final Framework framework;
    private final Options options;
    private Deployer deployer;
    private ConfigWatcher etcWatcher;
    private List<Bundle> console = List.of();
    private PluginManager plugins;
    private ServiceRegistration<PluginBundles> registration;
    /** Delivers plugin events in order, off the framework's threads. */
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "osvif-plugin-events");
        t.setDaemon(true);
        return t;
    });

    private Container(Framework framework, Options options) {
        this.framework = framework;
        this.options = options;
    }

    /**
     * @param home the container's home ({@code OSVIF_HOME}): {@code data/} holds the framework cache
     * @return options to start a container with
     */
    public static Options options(Path home) {
        return new Options(home);
    }

    /**
     * Starts the framework and every bundle of {@link Options#bundles(Path)}.
     *
     * @param options where and what
     * @return the running container
     * @throws ContainerException if the framework or a bundle fails to start
     */
    public static Container start(Options options) {
        if (options.deployDir != null) {
            Trust.checkAdminOnly(options.deployDir);
        }
        if (options.etcDir != null && (options.deployDir != null || Files.exists(options.etcDir))) {
            Trust.checkAdminOnly(options.etcDir);
        }
        Map<String, Map<String, Object>> configs = Configs.merge(Configs.read(options.etcDir), options.sets);
        Features.Selection features = null;
        if (options.featuresDir != null) {
            features = Features.select(options.featuresDir,
                    list(configs.getOrDefault(RUNTIME_PID, Map.of()).get("features")));
            configs = Configs.under(features.configs(), configs);
            LOG.log(System.Logger.Level.INFO, "features: {0}", features.names());
        }
        Signatures signatures = signatures(options, configs.getOrDefault(RUNTIME_PID, Map.of()));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, options.storage().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES);
        // The Gogo shell (when the runtime has it) reads this process's stdin only when asked to.
        config.put("gosh.args", options.console ? "" : "--nointeractive");
        config.putAll(options.properties);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Container.class.getClassLoader())
                .findFirst().orElseThrow(() -> new ContainerException("no OSGi framework on the class path"));
        Framework fw = factory.newFramework(config);
        List<Bundle> console = new ArrayList<>();
        try {
            fw.init();
            BundleContext ctx = fw.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            Set<String> wanted = features == null ? null : new HashSet<>(features.jars());
            for (Path dir : options.bundleDirs) {
                for (Path jar : jars(dir)) {
                    String name = jar.getFileName().toString();
                    if (wanted != null && !wanted.remove(name)) {
                        LOG.log(System.Logger.Level.DEBUG, "{0} is in no chosen feature: not installed", jar);
                    } else if (options.shell || !isShell(jar)) {
                        installed.add(install(ctx, jar));
                    }
                }
            }
            if (wanted != null && !wanted.isEmpty()) {
                throw new ContainerException("features " + features.names() + " name bundles that are not in "
                        + options.bundleDirs + ": " + new TreeSet<>(wanted));
            }
            fw.start();
            // Config Admin first and the configuration in place before SCR starts, so components
            // activate once, configured, instead of starting with defaults and restarting.
            installed.sort(Comparator.comparingInt(Container::startOrder));
            boolean configured = false;
            for (Bundle b : installed) {
                if (!configured && startOrder(b) > 0) {
                    applyConfig(ctx, configs);
                    configured = true;
                }
                if (CONSOLE.equals(b.getSymbolicName())) {
                    console.add(b);
                } else if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
            if (!configured) {
                applyConfig(ctx, configs);
            }
        } catch (BundleException | IOException | RuntimeException e) {
            stopQuietly(fw);
            if (e instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException("cannot start the container: " + e.getMessage(), e);
        }
        Container c = new Container(fw, options);
        c.console = console;
        if (options.deployDir != null) {
            try {
                c.deployer = new Deployer(fw.getBundleContext(), options.deployDir, signatures);
                if (!c.deployer.awaitInitialScan(60_000)) {
                    throw new ContainerException("deploying the bundles of " + options.deployDir + " took over 60 s");
                }
            } catch (IOException e) {
                c.close();
                throw new ContainerException("cannot watch " + options.deployDir + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.close();
                throw new ContainerException("interrupted deploying " + options.deployDir, e);
            }
        }
        if (options.etcDir != null && !options.throwAway && Files.isDirectory(options.etcDir)) {
            Map<String, Map<String, Object>> defaults = features == null ? Map.of() : features.configs();
            Map<String, Object> runtimeAtStart = configs.getOrDefault(RUNTIME_PID, Map.of());
            try {
                c.etcWatcher = new ConfigWatcher(options.etcDir,
                        etc -> Configs.under(defaults, Configs.merge(etc, options.sets)),
                        now -> {
                            if (!now.getOrDefault(RUNTIME_PID, Map.of()).equals(runtimeAtStart)) {
                                LOG.log(System.Logger.Level.WARNING, "{0} changed: features and require_signed"
                                        + " take effect at the next start", RUNTIME_PID);
                            }
                            applyConfig(fw.getBundleContext(), now);
                        });
            } catch (IOException e) {
                c.close();
                throw new ContainerException("cannot watch " + options.etcDir + ": " + e.getMessage(), e);
            }
        }
        c.plugins = new PluginManager(fw.getBundleContext(), c.deployer, c::osVifIfPresent);
        c.registration = fw.getBundleContext().registerService(PluginBundles.class, c.plugins, null);
        // The console last: its first prompt means every command, osvif: ones included, is there.
        for (Bundle b : c.console) {
            try {
                b.start();
            } catch (BundleException e) {
                c.close();
                throw new ContainerException("cannot start the shell: " + e.getMessage(), e);
            }
        }
        return c;
    }

    private static final System.Logger LOG = System.getLogger(Container.class.getName());

    /** A configuration value that lists names: "a, b" or a JSON list. */
    private static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String[] a) {
            out.addAll(List.of(a));
        } else if (value != null) {
            for (String s : value.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** The runtime's own configuration pid: {@code require_signed}, {@code trust_store}. */
    public static final String RUNTIME_PID = "org.osvif.runtime";

    private static Signatures signatures(Options options, Map<String, Object> runtime) {
        if (!Boolean.parseBoolean(String.valueOf(runtime.getOrDefault("require_signed", "false")))) {
            return null;
        }
        Object store = runtime.get("trust_store");
        if (store == null) {
            throw new ContainerException(RUNTIME_PID + ".require_signed is true but " + RUNTIME_PID
                    + ".trust_store names no trust store");
        }
        Path p = options.etcDir == null ? Path.of(store.toString()) : options.etcDir.resolve(store.toString());
        Object password = runtime.get("trust_store_password");
        return Signatures.trusting(p, password == null ? null : password.toString().toCharArray());
    }

    /** The Gogo shell and the osvif: commands: for a container that people talk to. */
    private static final java.util.Set<String> SHELL = java.util.Set.of("org.apache.felix.gogo.runtime",
            "org.apache.felix.gogo.shell", "org.apache.felix.gogo.command", "org.osvif.shell");

    /** The Gogo console bundle: started once the container is complete. */
    private static final String CONSOLE = "org.apache.felix.gogo.shell";

    private static boolean isShell(Path jar) throws IOException {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile(), false)) {
            java.util.jar.Manifest mf = j.getManifest();
            String bsn = mf == null ? null : mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            return bsn != null && SHELL.contains(bsn.split(";")[0].trim());
        }
    }

    /** The framework cache is cleaned at every start (FRAMEWORK_STORAGE_CLEAN), so always a fresh install. */
    private static Bundle install(BundleContext ctx, Path jar) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(jar)) {
            return ctx.installBundle(jar.toUri().toString(), in);
        }
    }

    private static int startOrder(Bundle b) {
        String bsn = String.valueOf(b.getSymbolicName());
        if (bsn.equals("org.apache.felix.configadmin")) {
            return 0;
        }
        // SCR next, so that it sees every other bundle start.
        return bsn.equals("org.apache.felix.scr") ? 1 : 2;
    }

    private static void applyConfig(BundleContext ctx, Map<String, Map<String, Object>> configs) {
        ServiceReference<ConfigurationAdmin> ref = ctx.getServiceReference(ConfigurationAdmin.class);
        if (ref == null) {
            if (!configs.isEmpty()) {
                throw new ContainerException("configuration given (" + configs.keySet()
                        + ") but no Config Admin bundle in the runtime");
            }
            return;
        }
        try {
            Configs.apply(ctx.getService(ref), configs);
        } finally {
            ctx.ungetService(ref);
        }
    }

    @Override
    public List<DeployStatus> deployStatus() {
        return plugins.deployStatus();
    }

    @Override
    public List<PluginView> plugins() {
        return plugins.plugins();
    }

    @Override
    public DeployStatus install(URI source) {
        return plugins.install(source);
    }

    @Override
    public DeployStatus upgrade(String plugin, URI source) {
        return plugins.upgrade(plugin, source);
    }

    @Override
    public DeployStatus uninstall(String plugin) {
        return plugins.uninstall(plugin);
    }

    /**
     * Tells a listener about every plugin service that comes, changes or goes from now on (and
     * about those present now, as ADDED), one event at a time on a thread of the container.
     *
     * @param listener told of each event
     * @return closing it stops the events
     */
    public AutoCloseable onPluginChange(Consumer<PluginEvent> listener) {
        BundleContext ctx = framework.getBundleContext();
        ServiceListener l = e -> {
            PluginEvent.Kind kind = switch (e.getType()) {
                case ServiceEvent.REGISTERED -> PluginEvent.Kind.ADDED;
                case ServiceEvent.MODIFIED -> PluginEvent.Kind.MODIFIED;
                default -> PluginEvent.Kind.REMOVED;
            };
            PluginEvent ev = event(kind, e.getServiceReference());
            events.execute(() -> listener.accept(ev));
        };
        String filter = "(" + Constants.OBJECTCLASS + "=" + VifPlugin.class.getName() + ")";
        try {
            synchronized (this) {
                ctx.addServiceListener(l, filter);
                for (ServiceReference<?> r : ctx.getServiceReferences((String) null, filter) == null ? new ServiceReference<?>[0]
                        : ctx.getServiceReferences((String) null, filter)) {
                    PluginEvent ev = event(PluginEvent.Kind.ADDED, r);
                    events.execute(() -> listener.accept(ev));
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return () -> {
            try {
                ctx.removeServiceListener(l);
            } catch (IllegalStateException stopped) {
                // the framework is gone already
            }
        };
    }

    private static PluginEvent event(PluginEvent.Kind kind, ServiceReference<?> r) {
        Bundle b = r.getBundle();
        return new PluginEvent(kind, String.valueOf(r.getProperty(PluginName.NAME)),
                b == null ? null : b.getSymbolicName(), b == null ? null : b.getVersion().toString());
    }

    /**
     * Tells a listener the host's {@code HostInfo} each time it changes (a plugin came, went or
     * was replaced), on the core's notifier thread.
     *
     * @param listener told of each change
     * @return closing it stops the calls
     */
    public AutoCloseable onHostInfoChange(HostInfoListener listener) {
        ServiceRegistration<HostInfoListener> reg = framework.getBundleContext()
                .registerService(HostInfoListener.class, listener, new Hashtable<>());
        return () -> {
            try {
                reg.unregister();
            } catch (IllegalStateException gone) {
                // unregistered with the framework already
            }
        };
    }

    /**
     * Waits until the framework stops (another thread called {@link #close()}).
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no bundle folder " + dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            // SCR first, so that it sees every other bundle start.
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /**
     * @param timeout how long to wait for the service
     * @return the {@code OsVif} service
     * @throws ContainerException if it does not appear in time
     */
    public OsVif osVif(Duration timeout) {
        ServiceTracker<OsVif, OsVif> t = new ServiceTracker<>(framework.getBundleContext(), OsVif.class, null);
        t.open();
        try {
            OsVif s = t.waitForService(timeout.toMillis());
            if (s == null) {
                throw new ContainerException("the OsVif service did not appear within " + timeout.toMillis() + " ms");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted waiting for the OsVif service", e);
        }
    }

    private OsVif osVifIfPresent() {
        BundleContext ctx = framework.getBundleContext();
        ServiceReference<OsVif> ref = ctx.getServiceReference(OsVif.class);
        // The system bundle's context keeps no per-call cost worth releasing: the core is a
        // long-lived component, and ungetting here would deactivate a delayed one at once.
        return ref == null ? null : ctx.getService(ref);
    }

    /** @return the framework's context, to install bundles or track services */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** Stops the framework and waits for it; removes a throw-away framework cache. */
    @Override
    public void close() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException gone) {
                // the framework stopped already
            }
        }
        events.shutdown();
        if (etcWatcher != null) {
            try {
                etcWatcher.close();
            } catch (IOException e) {
                System.getLogger(Container.class.getName()).log(System.Logger.Level.WARNING,
                        "closing the etc/ watcher: " + e);
            }
        }
        if (deployer != null) {
            try {
                deployer.close();
            } catch (IOException e) {
                System.getLogger(Container.class.getName()).log(System.Logger.Level.WARNING,
                        "closing the deploy watcher: " + e);
            }
        }
        stopQuietly(framework);
        if (options.throwAway) {
            deleteTree(options.storage());
        }
    }

    private static void stopQuietly(Framework fw) {
        try {
            fw.stop();
            fw.waitForStop(30_000);
        } catch (BundleException e) {
            throw new ContainerException("cannot stop the container: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            System.getLogger(Container.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot remove framework cache " + p + ": " + e);
        }
    }

    /** Where the container lives and what it runs. */
    public static final class Options {
        private final Path home;
        private final List<Path> bundleDirs = new ArrayList<>();
        private final List<String[]> sets = new ArrayList<>();
        private Path etcDir;
        private Path featuresDir;
        private Path deployDir;
        private boolean throwAway;
        private boolean console;
        private boolean shell = true;
        private final Map<String, String> properties = new HashMap<>();

        private Options(Path home) {
            this.home = home;
        }

        /**
         * @param dir a folder of bundles to install and start (the distribution's {@code bundles/});
         *        may be given more than once
         * @return these options
         */
        public Options bundles(Path dir) {
            this.bundleDirs.add(dir);
            return this;
        }

        /**
         * Configuration from a folder: one {@code <pid>.cfg} (properties) or {@code <pid>.json}
         * (a flat JSON object) per component, given to Config Admin before the components start.
         * {@code org.osvif.runtime.cfg} configures the container itself ({@code require_signed},
         * {@code trust_store} relative to this folder, {@code trust_store_password}).
         *
         * @param dir the folder ({@code $OSVIF_HOME/etc}); it must not be writable by group or others
         * @return these options
         */
        public Options etc(Path dir) {
            this.etcDir = dir;
            return this;
        }

        /**
         * Install only the bundles of the chosen OSGi features of a folder ({@code features/*.json},
         * R8 Feature JSON): {@code features} in {@code etc/org.osvif.runtime.cfg} lists them by
         * artifactId (default: all; {@code osvif-base} always). A feature bundle
         * {@code group:artifact:version} is the jar {@code artifact-version.jar} of the bundle
         * folders; the features' configurations are defaults under {@code etc/}.
         *
         * @param dir the features folder
         * @return these options
         */
        public Options features(Path dir) {
            this.featuresDir = dir;
            return this;
        }

        /**
         * One configuration value, winning over {@link #etc(Path)}.
         *
         * @param pid the component's configuration pid, e.g. {@code org.osvif.plug.ovs}
         * @param key the key, e.g. {@code ovsdb_connection}
         * @param value the value
         * @return these options
         */
        public Options set(String pid, String key, String value) {
            this.sets.add(new String[] {pid, key, value});
            return this;
        }

        /**
         * Watch a folder of vendor bundles: install what is dropped in, update to higher
         * versions (rolling back a failed upgrade), uninstall what is deleted. The folder and
         * {@code etc/} must not be writable by group or others.
         *
         * @param dir the deploy folder
         * @return these options
         */
        public Options deploy(Path dir) {
            this.deployDir = dir;
            return this;
        }

        /**
         * A framework cache of its own, removed on close: for one-shot commands that must not
         * disturb a container's cache.
         *
         * @return these options
         */
        public Options throwAway() {
            this.throwAway = true;
            return this;
        }

        /**
         * The Gogo shell on this process's terminal (stdin/stdout), if the bundles include it;
         * its end of input or {@code exit} stops the container. Without it the shell's commands
         * are still there for other consoles, but nothing reads stdin.
         *
         * @return these options
         */
        public Options console() {
            this.console = true;
            return this;
        }

        /**
         * Leaves the Gogo shell and the {@code osvif:} commands out: a one-shot command talks to
         * nobody, and starts ~40 ms faster and 4 MB smaller without them.
         *
         * @return these options
         */
        public Options withoutShell() {
            this.shell = false;
            return this;
        }

        /**
         * @param key a framework property
         * @param value its value
         * @return these options
         */
        public Options property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        Path storage() {
            return throwAway ? home.resolve("data").resolve("oneshot-" + ProcessHandle.current().pid())
                    : home.resolve("data").resolve("framework");
        }

        /** @return a container started with these options */
        public Container start() {
            return Container.start(this);
        }
    }
}

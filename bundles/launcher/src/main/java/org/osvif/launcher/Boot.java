package org.osvif.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osvif.launcher.internal.ConfigWatcher;
import org.osvif.launcher.internal.Configs;
import org.osvif.launcher.internal.Deployer;
import org.osvif.launcher.internal.Features;
import org.osvif.launcher.internal.JarInfo;
import org.osvif.launcher.internal.Limits;
import org.osvif.launcher.internal.MavenRepositories;
import org.osvif.launcher.internal.Metatypes;
import org.osvif.launcher.internal.NameGuard;
import org.osvif.launcher.internal.Ownership;
import org.osvif.launcher.internal.PluginManager;
import org.osvif.launcher.internal.Signatures;

/**
 * The container's start, as a pipeline: options, trust of the folders, configuration, the
 * features, the framework, the runtime's bundles in their start order, then deploy/ and etc/
 * watchers. Each step takes what the one before produced; the last builds the {@link Container},
 * whose fields are final. A step that fails stops the framework it may have started.
 */
final class Boot {

    private static final System.Logger LOG = System.getLogger(Boot.class.getName());

    /** The Gogo shell and the osvif: commands: for a container that people talk to. */
    private static final Set<String> SHELL = Set.of("org.apache.felix.gogo.runtime",
            "org.apache.felix.gogo.shell", "org.apache.felix.gogo.command", "org.osvif.shell");

    /** The Gogo console bundle: started once the container is complete. */
    private static final String CONSOLE = "org.apache.felix.gogo.shell";

    /** Packages a deployed bundle may never export, whoever else does: the container's own. */
    private static final List<String> PROVIDED_PREFIXES = List.of("org.osvif.", "com.fasterxml.jackson.");

    private Boot() {
    }

    /** What the configuration step produced. */
    private record Settings(Map<String, Map<String, Object>> configs, Features.Selection features,
            Map<String, Object> runtime, Limits limits, Signatures signatures) {
    }

    static Container start(Container.Options o) {
        Ownership owners = Ownership.ofThisProcess();
        trust(o, owners);
        Settings s = configuration(o, owners);
        Framework fw = framework(o);
        List<Bundle> console = new ArrayList<>();
        Deployer deployer = null;
        ConfigWatcher etc = null;
        try {
            fw.init();
            List<Bundle> installed = installRuntime(fw.getBundleContext(), o, s.features());
            ConfigCheck check = new ConfigCheck(fw.getBundleContext(), o, s.configs());
            String refusal = check.checkAll(s.configs());
            if (refusal != null) {
                throw new ConfigurationException(refusal);
            }
            fw.start();
            BundleContext ctx = fw.getBundleContext();
            NameGuard names = new NameGuard(ctx);
            ctx.registerService(new String[] {FindHook.class.getName(), EventListenerHook.class.getName()}, names, null);
            startInOrder(ctx, installed, s.configs(), console);
            deployer = deployer(ctx, o, s, owners, names, check);
            etc = etcWatcher(ctx, o, s, owners, check);
            PluginManager plugins = new PluginManager(ctx, deployer, () -> Container.osVifIfPresent(ctx),
                    MavenRepositories.configured(o.etcDir, o.sets, s.limits().maxConfig(), owners));
            Container c = new Container(fw, o, deployer, etc, plugins,
                    ctx.registerService(PluginBundles.class, plugins, new Hashtable<>()));
            // The console last: its first prompt means every command, osvif: ones included, is there.
            for (Bundle b : console) {
                b.start();
            }
            return c;
        } catch (BundleException | IOException | RuntimeException e) {
            closeQuietly(etc);
            closeQuietly(deployer);
            Container.stopQuietly(fw);
            if (e instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException("cannot start the container: " + e.getMessage(), e);
        }
    }

    /** Trust: every folder whose files become code or configuration, by owner and mode, up to /. */
    private static void trust(Container.Options o, Ownership owners) {
        List<Path> dirs = new ArrayList<>();
        if (o.deployDir != null) {
            dirs.add(o.home);
            dirs.add(o.deployDir);
        }
        if (o.etcDir != null && (o.deployDir != null || Files.exists(o.etcDir))) {
            dirs.add(o.etcDir);
        }
        for (Path dir : dirs) {
            try {
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                throw new ContainerException("cannot create " + dir + ": " + e.getMessage(), e);
            }
            String why = owners.untrusted(dir);
            if (why != null) {
                throw new ContainerException("refusing to start: " + why + "; only the administrator may install "
                        + "plugins or configure the container");
            }
        }
    }

    /** Configuration: etc/ and --set over the features' defaults, and what it says of the container. */
    private static Settings configuration(Container.Options o, Ownership owners) {
        Map<String, Map<String, Object>> configs = Configs.merge(Configs.read(o.etcDir, Limits.DEFAULT.maxConfig(), owners),
                o.sets);
        Limits limits = Limits.of(configs.getOrDefault(Container.RUNTIME_PID, Map.of()));
        if (limits.maxConfig() != Limits.DEFAULT.maxConfig()) {
            configs = Configs.merge(Configs.read(o.etcDir, limits.maxConfig(), owners), o.sets);
        }
        Features.Selection features = null;
        if (o.featuresDir != null) {
            features = Features.select(o.featuresDir,
                    list(configs.getOrDefault(Container.RUNTIME_PID, Map.of()).get("features")));
            configs = Configs.under(features.configs(), configs);
            LOG.log(System.Logger.Level.INFO, "features: {0}", features.names());
        }
        Map<String, Object> runtime = configs.getOrDefault(Container.RUNTIME_PID, Map.of());
        return new Settings(configs, features, runtime, limits, signatures(o, runtime));
    }

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

    private static Signatures signatures(Container.Options options, Map<String, Object> runtime) {
        if (!Boolean.parseBoolean(String.valueOf(runtime.getOrDefault("require_signed", "false")))) {
            return null;
        }
        Object store = runtime.get("trust_store");
        if (store == null) {
            throw new ContainerException(Container.RUNTIME_PID + ".require_signed is true but " + Container.RUNTIME_PID
                    + ".trust_store names no trust store");
        }
        Path p = options.etcDir == null ? Path.of(store.toString()) : options.etcDir.resolve(store.toString());
        Object password = runtime.get("trust_store_password");
        return Signatures.trusting(p, password == null ? null : password.toString().toCharArray());
    }

    private static Framework framework(Container.Options o) {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, o.storage().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, Container.SYSTEM_PACKAGES);
        // The Gogo shell (when the runtime has it) reads this process's stdin only when asked to.
        config.put("gosh.args", o.console ? "" : "--nointeractive");
        config.putAll(o.properties);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Container.class.getClassLoader())
                .findFirst().orElseThrow(() -> new ContainerException("no OSGi framework on the class path"));
        return factory.newFramework(config);
    }

    /** The framework cache is cleaned at every start (FRAMEWORK_STORAGE_CLEAN), so always a fresh install. */
    private static List<Bundle> installRuntime(BundleContext ctx, Container.Options o, Features.Selection features)
            throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        Set<String> wanted = features == null ? null : new HashSet<>(features.jars());
        for (Path dir : o.bundleDirs) {
            for (Path jar : jars(dir)) {
                String name = jar.getFileName().toString();
                if (wanted != null && !wanted.remove(name)) {
                    LOG.log(System.Logger.Level.DEBUG, "{0} is in no chosen feature: not installed", jar);
                } else if (o.shell || !isShell(jar)) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        installed.add(ctx.installBundle(jar.toUri().toString(), in));
                    }
                }
            }
        }
        if (wanted != null && !wanted.isEmpty()) {
            throw new ContainerException("features " + features.names() + " name bundles that are not in "
                    + o.bundleDirs + ": " + new TreeSet<>(wanted));
        }
        return installed;
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no bundle folder " + dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static boolean isShell(Path jar) {
        try {
            return SHELL.contains(JarInfo.read(jar, Limits.DEFAULT.maxManifest()).symbolicName());
        } catch (JarInfo.Refused e) {
            return false; // installing it will say what is wrong with it
        }
    }

    /**
     * Config Admin first and the configuration in place before SCR starts, so components activate
     * once, configured, instead of starting with defaults and restarting; SCR next, so that it
     * sees every other bundle start. The console is left for last (to the caller).
     */
    private static void startInOrder(BundleContext ctx, List<Bundle> installed, Map<String, Map<String, Object>> configs,
            List<Bundle> console) throws BundleException {
        installed.sort(Comparator.comparingInt(Boot::startOrder));
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
    }

    private static int startOrder(Bundle b) {
        String bsn = String.valueOf(b.getSymbolicName());
        if (bsn.equals("org.apache.felix.configadmin")) {
            return 0;
        }
        return bsn.equals("org.apache.felix.scr") ? 1 : 2;
    }

    static void applyConfig(BundleContext ctx, Map<String, Map<String, Object>> configs) {
        var ref = ctx.getServiceReference(ConfigurationAdmin.class);
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

    private static Deployer deployer(BundleContext ctx, Container.Options o, Settings s, Ownership owners,
            NameGuard names, ConfigCheck check) throws IOException {
        if (o.deployDir == null) {
            return null;
        }
        Deployer d = new Deployer(ctx, o.deployDir, o.home.resolve("data"), s.limits(), s.signatures(), owners, names,
                (info, jar) -> {
                    String why = providedPackage(ctx, info);
                    return why != null ? why : check.checkArriving(jar, info.symbolicName());
                });
        try {
            // Each file has its deadline, so this wait is bounded; past it the start goes on
            // anyway: a vendor bundle never keeps the container from serving.
            if (!d.awaitInitialScan(s.limits().deadlineMillis() * 3)) {
                LOG.log(System.Logger.Level.WARNING, "deploy/ still being deployed; the container serves meanwhile");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            d.close();
            throw new ContainerException("interrupted deploying " + o.deployDir, e);
        }
        return d;
    }

    /**
     * @return why a jar may not be installed for a package it exports, or {@code null}: the
     *         container's own packages (org.osvif.*, Jackson) and every package the framework or a
     *         runtime bundle exports are the container's; a vendor exporting one would have other
     *         bundles wired to its copy
     */
    static String providedPackage(BundleContext ctx, JarInfo info) {
        for (String p : info.exports()) {
            for (String prefix : PROVIDED_PREFIXES) {
                if ((p + ".").startsWith(prefix)) {
                    return "it exports package " + p + ", which the container provides (" + prefix + "*): refused";
                }
            }
            for (Bundle b : ctx.getBundles()) {
                if (b.getLocation().startsWith(Deployer.LOCATION) || info.symbolicName().equals(b.getSymbolicName())) {
                    continue;
                }
                BundleRevision r = b.adapt(BundleRevision.class);
                if (r == null) {
                    continue;
                }
                for (BundleCapability c : r.getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE)) {
                    if (p.equals(c.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))) {
                        return "it exports package " + p + ", which the container provides (" + b.getSymbolicName() + " "
                                + c.getAttributes().get("version") + "): refused";
                    }
                }
            }
        }
        return null;
    }

    private static ConfigWatcher etcWatcher(BundleContext ctx, Container.Options o, Settings s, Ownership owners,
            ConfigCheck check) throws IOException {
        if (o.etcDir == null || o.throwAway || !Files.isDirectory(o.etcDir)) {
            return null;
        }
        Map<String, Map<String, Object>> defaults = s.features() == null ? Map.of() : s.features().configs();
        Map<String, Object> runtimeAtStart = s.runtime();
        return new ConfigWatcher(o.etcDir, s.limits().maxConfig(), owners, s.configs(), check::checkFile,
                etc -> Configs.under(defaults, Configs.merge(etc, o.sets)),
                now -> {
                    if (!now.getOrDefault(Container.RUNTIME_PID, Map.of()).equals(runtimeAtStart)) {
                        LOG.log(System.Logger.Level.WARNING, "{0} changed: its settings take effect at the next start",
                                Container.RUNTIME_PID);
                    }
                    applyConfig(ctx, now);
                    check.applied(now);
                });
    }

    /**
     * Configuration against each component's metatype: at start, on each file of etc/ that
     * changes, and for a vendor bundle's pids when it arrives in deploy/.
     */
    static final class ConfigCheck {
        private final BundleContext ctx;
        private final Container.Options o;
        private volatile Map<String, Map<String, Object>> applied;

        ConfigCheck(BundleContext ctx, Container.Options o, Map<String, Map<String, Object>> applied) {
            this.ctx = ctx;
            this.o = o;
            this.applied = applied;
        }

        void applied(Map<String, Map<String, Object>> now) {
            applied = now;
        }

        /** Where a key of a pid came from, for the refusal. */
        private String where(String pid, String key) {
            for (String[] set : o.sets) {
                if (set[0].equals(pid) && set[1].equals(key)) {
                    return "--set " + pid + "." + key;
                }
            }
            for (String ext : List.of(".cfg", ".json")) {
                if (o.etcDir != null && Files.exists(o.etcDir.resolve(pid + ext))) {
                    return "etc/" + pid + ext;
                }
            }
            return "the features' configuration of " + pid;
        }

        String checkAll(Map<String, Map<String, Object>> configs) {
            Map<String, Metatypes.Definition> defs = Metatypes.of(ctx.getBundles());
            for (Map.Entry<String, Map<String, Object>> e : configs.entrySet()) {
                Metatypes.Definition d = defs.get(e.getKey());
                // A pid no installed bundle designates is checked when its bundle arrives.
                String why = d == null ? null : Metatypes.check(k -> where(e.getKey(), k), d, e.getValue());
                if (why != null) {
                    return why;
                }
            }
            return null;
        }

        String checkFile(Path file, String pid, Map<String, Object> props) {
            Metatypes.Definition d = Metatypes.of(ctx.getBundles()).get(pid);
            return d == null ? null : Metatypes.check(k -> "etc/" + file.getFileName(), d, props);
        }

        String checkArriving(Path jar, String bsn) {
            for (Metatypes.Definition d : Metatypes.of(jar, bsn).values()) {
                Map<String, Object> props = applied.get(d.pid());
                String why = props == null ? null : Metatypes.check(k -> where(d.pid(), k), d, props);
                if (why != null) {
                    return "its configuration is refused: " + why;
                }
            }
            return null;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + c + ": " + e);
            }
        }
    }
}

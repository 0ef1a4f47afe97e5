package org.osvif.launcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osvif.OsVif;
import org.osvif.PluginStats;
import org.osvif.launcher.ContainerException;
import org.osvif.launcher.DeployStatus;
import org.osvif.launcher.PluginBundles;
import org.osvif.launcher.PluginView;
import org.osvif.objects.HostPluginInfo;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * {@link PluginBundles} over {@code deploy/}: the operator's install, upgrade and uninstall
 * write or delete a jar there and wait for the {@link Deployer}'s outcome, so the folder stays
 * the one record of what is deployed.
 */
public final class PluginManager implements PluginBundles {

    private static final System.Logger LOG = System.getLogger(PluginManager.class.getName());
    private static final long OUTCOME_MS = 60_000;

    private final BundleContext context;
    private final Deployer deployer;
    private final Supplier<OsVif> osVif;
    /** Where {@code mvn:} sources are fetched from. */
    private final MavenRepositories maven;

    /**
     * @param context the framework's context
     * @param deployer the deploy/ watcher, or {@code null} when the container has none
     * @param osVif the OsVif service, or {@code null} if it is not there
     * @param maven where {@code mvn:} sources are fetched from
     */
    public PluginManager(BundleContext context, Deployer deployer, Supplier<OsVif> osVif, MavenRepositories maven) {
        this.context = context;
        this.deployer = deployer;
        this.osVif = osVif;
        this.maven = maven;
    }

    @Override
    public List<PluginView> plugins() {
        OsVif core = osVif.get();
        Map<String, PluginStats> stats = core == null ? Map.of() : core.stats();
        List<HostPluginInfo> used = core == null ? List.of() : core.hostInfo().pluginInfo();
        List<Components.PluginComponent> components = Components.plugins(context);
        List<PluginView> out = new ArrayList<>();
        Set<Components.PluginComponent> seen = new HashSet<>();
        for (ServiceReference<VifPlugin> ref : refs()) {
            Bundle b = ref.getBundle();
            if (b == null) {
                continue; // unregistered meanwhile
            }
            String name = String.valueOf(ref.getProperty(PluginName.NAME));
            HostPluginInfo description = null;
            for (HostPluginInfo p : used) {
                if (p.pluginName().equals(name)) {
                    description = p;
                }
            }
            Components.PluginComponent c = componentOf(components, ref);
            if (c != null) {
                seen.add(c);
            }
            // A delayed component keeps its service registered when its activation fails: the
            // bundle is ACTIVE, the plugin does not serve, and the component's state says why.
            boolean failed = c != null && !c.serves();
            out.add(view(name, b, failed ? c.state() : state(b.getState()), description, stats.get(name),
                    failed ? c.error() : null));
        }
        for (Components.PluginComponent c : components) {
            // No service at all: a reference unsatisfied, a configuration missing, disabled.
            if (!seen.contains(c) && !c.serves() && c.bundle().getState() == Bundle.ACTIVE) {
                out.add(view(c.plugin(), c.bundle(), c.state(), null, stats.get(c.plugin()), c.error()));
            }
        }
        return out;
    }

    private PluginView view(String name, Bundle b, String state, HostPluginInfo description, PluginStats stats,
            String componentError) {
        Deployer.Deployment d = deployer == null ? null : deployer.deploymentOf(b);
        if (d == null) {
            return new PluginView(name, b.getSymbolicName(), b.getVersion().toString(), state, description, stats,
                    null, null, "runtime", componentError);
        }
        // The deploy/ file's own refusal (a broken upgrade while the last good jar serves) comes
        // first: it is what the operator changed last.
        String error = d.error() != null ? d.error() : componentError;
        return new PluginView(name, b.getSymbolicName(), b.getVersion().toString(), state, description, stats,
                d.file(), d.version(), d.servedFrom(), error);
    }

    private static Components.PluginComponent componentOf(List<Components.PluginComponent> components,
            ServiceReference<?> ref) {
        Object id = ref.getProperty("component.id");
        if (!(id instanceof Number n)) {
            return null;
        }
        for (Components.PluginComponent c : components) {
            if (c.componentIds().contains(n.longValue())) {
                return c;
            }
        }
        return null;
    }

    private List<ServiceReference<VifPlugin>> refs() {
        try {
            return new ArrayList<>(context.getServiceReferences(VifPlugin.class, null));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            default -> "UNINSTALLED";
        };
    }

    @Override
    public List<DeployStatus> deployStatus() {
        List<DeployStatus> out = new ArrayList<>();
        if (deployer != null) {
            for (Deployer.Deployment s : deployer.deployments()) {
                out.add(toApi(s));
            }
        }
        return out;
    }

    private static DeployStatus toApi(Deployer.Deployment s) {
        return new DeployStatus(s.file(), s.symbolicName(), s.version(), s.state().name(), s.error(),
                s.servingVersion(), s.servedFrom());
    }

    @Override
    public DeployStatus install(URI source) {
        Deployer d = requireDeployer();
        Path part = download(d, source);
        try {
            JarInfo id = identify(d, source, part);
            Bundle existing = bundle(id.symbolicName());
            if (existing != null) {
                throw new ContainerException(id.symbolicName() + " " + existing.getVersion() + " is installed already; use upgrade");
            }
            Path jar = d.dir().resolve(id.symbolicName() + "-" + id.version() + ".jar");
            if (Files.exists(jar)) {
                throw new ContainerException(d.dir().relativize(jar) + " exists already in deploy/");
            }
            Deployer.Deployment s = moveAndWait(d, part, jar);
            if (s.state() != Deployer.State.ACTIVE) {
                delete(jar);
                throw new ContainerException("install of " + source + " failed: " + s.error());
            }
            LOG.log(Level.INFO, "installed {0} {1} from {2}", id.symbolicName(), id.version(), source);
            return toApi(s);
        } finally {
            delete(part);
        }
    }

    @Override
    public DeployStatus upgrade(String plugin, URI source) {
        Deployer d = requireDeployer();
        Bundle b = pluginBundle(plugin);
        Path jar = deployedJar(d, plugin, b);
        Path part = download(d, source);
        try {
            JarInfo id = identify(d, source, part);
            if (!id.symbolicName().equals(b.getSymbolicName())) {
                throw new ContainerException(source + " is bundle " + id.symbolicName() + ", but plugin " + plugin
                        + " comes from " + b.getSymbolicName());
            }
            if (id.version().compareTo(b.getVersion()) <= 0) {
                throw new ContainerException(source + " is version " + id.version() + ", not newer than the installed "
                        + b.getVersion());
            }
            Deployer.Deployment s = moveAndWait(d, part, jar);
            if (s.state() != Deployer.State.ACTIVE) {
                // The deployer rolled the bundle back; put its jar back too, so deploy/ says the truth.
                Path good = d.lastGood().resolve(jar.getFileName());
                if (Files.isRegularFile(good)) {
                    try {
                        Files.copy(good, part, StandardCopyOption.REPLACE_EXISTING);
                        moveAndWait(d, part, jar);
                    } catch (IOException e) {
                        LOG.log(Level.WARNING, "cannot put {0} back into deploy/: {1}", good, e.getMessage());
                    }
                }
                throw new ContainerException("upgrade of " + plugin + " to " + id.version() + " failed: " + s.error());
            }
            LOG.log(Level.INFO, "upgraded plugin {0} to {1} {2}", plugin, id.symbolicName(), id.version());
            return toApi(s);
        } finally {
            delete(part);
        }
    }

    @Override
    public DeployStatus uninstall(String plugin) {
        Deployer d = requireDeployer();
        Bundle b = pluginBundle(plugin);
        Path jar = deployedJar(d, plugin, b);
        long before = d.sequence();
        delete(jar);
        Deployer.Deployment s = await(d, jar, before);
        if (s.state() != Deployer.State.UNINSTALLED) {
            throw new ContainerException("uninstall of " + plugin + " failed: " + s.error());
        }
        LOG.log(Level.INFO, "uninstalled plugin {0} ({1})", plugin, b.getSymbolicName());
        return toApi(s);
    }

    @Override
    public String diagnose(String what) {
        String file = what.startsWith("deploy/") ? what.substring("deploy/".length()) : what;
        Deployer.Deployment d = null;
        if (deployer != null) {
            for (Deployer.Deployment x : deployer.deployments()) {
                if (x.file().equals(file)) {
                    d = x;
                }
            }
        }
        Bundle b = null;
        for (ServiceReference<VifPlugin> ref : refs()) {
            if (what.equals(ref.getProperty(PluginName.NAME))) {
                b = ref.getBundle();
            }
        }
        if (b == null && d != null && d.bundleId() >= 0) {
            b = context.getBundle(d.bundleId());
        }
        if (b == null) {
            b = bundle(what);
        }
        if (d != null && d.state() != Deployer.State.ACTIVE) {
            // The file failed (its bundle is gone, or the last good one serves): the deployer's reason.
            return "deploy/" + d.file() + " " + d.state() + ": " + d.error()
                    + (d.servingVersion() == null ? "" : " (" + d.servingVersion() + " serves from " + d.servedFrom() + ")");
        }
        if (b == null) {
            throw new ContainerException("no plugin, file of deploy/ or bundle named '" + what + "'");
        }
        return Diagnosis.explain(context, b);
    }

    private Deployer requireDeployer() {
        if (deployer == null) {
            throw new ContainerException("this container has no deploy/ folder: plugins cannot be installed");
        }
        return deployer;
    }

    private Bundle pluginBundle(String plugin) {
        for (ServiceReference<VifPlugin> ref : refs()) {
            if (plugin.equals(ref.getProperty(PluginName.NAME)) && ref.getBundle() != null) {
                return ref.getBundle();
            }
        }
        throw new ContainerException("no plugin named '" + plugin + "'");
    }

    private static Path deployedJar(Deployer d, String plugin, Bundle b) {
        Path jar = d.jarOf(b);
        if (jar == null) {
            throw new ContainerException("plugin " + plugin + " comes from the runtime's own bundles ("
                    + b.getSymbolicName() + "), not from deploy/; it is not managed here");
        }
        return jar;
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /**
     * Streams a jar into a hidden file of deploy/ (the watcher ignores dot files), at most the
     * deployer's size cap: an endless URL is cut there, never read into memory.
     */
    private Path download(Deployer d, URI source) {
        long cap = d.limits().maxJar();
        Path part;
        try {
            part = Files.createTempFile(d.dir(), ".install-", ".part");
        } catch (IOException e) {
            throw new ContainerException("cannot write into " + d.dir() + ": " + e.getMessage(), e);
        }
        if ("mvn".equals(source.getScheme())) {
            // MavenRepositories bounds the download and checks the repository's checksums.
            try {
                byte[] bytes = maven.fetch(source).bytes();
                if (bytes.length > cap) {
                    throw new ContainerException(source + " is larger than the " + (cap >> 20) + " MiB cap (max_jar_mib)");
                }
                Files.write(part, bytes);
                return part;
            } catch (IOException | RuntimeException e) {
                delete(part);
                if (e instanceof ContainerException ce) {
                    throw ce;
                }
                throw new ContainerException("cannot write " + source + " into " + d.dir() + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = source.toURL().openStream(); var out = Files.newOutputStream(part)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > cap) {
                    throw new ContainerException(source + " is larger than the " + (cap >> 20) + " MiB cap (max_jar_mib)");
                }
                out.write(buf, 0, n);
            }
            return part;
        } catch (IOException | IllegalArgumentException | ContainerException e) {
            delete(part);
            if (e instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static JarInfo identify(Deployer d, URI source, Path jar) {
        try {
            return JarInfo.read(jar, d.limits().maxManifest());
        } catch (JarInfo.Refused e) {
            throw new ContainerException(source + ": " + e.getMessage(), e);
        }
    }

    /** Renames a complete jar into place: the watcher sees one whole file. */
    private static Deployer.Deployment moveAndWait(Deployer d, Path part, Path jar) {
        long before = d.sequence();
        try {
            Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ContainerException("cannot write " + jar + ": " + e.getMessage(), e);
        }
        return await(d, jar, before);
    }

    private static Deployer.Deployment await(Deployer d, Path jar, long before) {
        try {
            Deployer.Deployment s = d.awaitOutcome(jar, before, OUTCOME_MS);
            if (s == null) {
                throw new ContainerException("the deployer did not act on " + jar.getFileName() + " within "
                        + OUTCOME_MS / 1000 + " s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted waiting for the deployer", e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + p + ": " + e);
        }
    }
}

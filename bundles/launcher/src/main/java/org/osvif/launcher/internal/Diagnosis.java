package org.osvif.launcher.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Why a bundle is not active, as one root-cause chain instead of the resolver's nested message:
 * the first requirement nothing satisfies, and what the installed bundles offer that comes
 * close (another version of the package), or that none does. A requirement offered only by a
 * bundle that does not resolve itself is followed into that bundle.
 */
public final class Diagnosis {

    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");
    private static final Pattern FLOOR = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern CEILING = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");

    private Diagnosis() {
    }

    /**
     * @param ctx the framework's context
     * @param b a bundle
     * @return why it is not active, in one line
     */
    public static String explain(BundleContext ctx, Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> b.getSymbolicName() + " " + b.getVersion() + " is active";
            case Bundle.RESOLVED -> b.getSymbolicName() + " " + b.getVersion() + " resolves but is not started"
                    + " (its start failed or was not asked for; the log has the exception)";
            case Bundle.STARTING -> b.getSymbolicName() + " " + b.getVersion() + " is still starting (its activator has not returned)";
            case Bundle.INSTALLED -> b.getSymbolicName() + " " + b.getVersion() + " does not resolve: "
                    + chain(ctx, b.adapt(BundleRevision.class), new HashSet<>());
            default -> b.getSymbolicName() + " " + b.getVersion() + " is not installed";
        };
    }

    private static String chain(BundleContext ctx, BundleRevision rev, Set<BundleRevision> seen) {
        if (rev == null || !seen.add(rev)) {
            return "(a cycle of bundles that do not resolve)";
        }
        FrameworkWiring fw = ctx.getBundle(0).adapt(FrameworkWiring.class);
        for (BundleRequirement req : rev.getDeclaredRequirements(null)) {
            if ("optional".equals(req.getDirectives().get("resolution"))) {
                continue;
            }
            Collection<BundleCapability> providers = fw.findProviders(req);
            if (providers.isEmpty()) {
                return describe(req) + ", and " + close(ctx, req);
            }
            boolean resolved = providers.stream().anyMatch(c -> c.getRevision().getWiring() != null);
            if (!resolved) {
                BundleRevision p = providers.iterator().next().getRevision();
                return describe(req) + ", offered only by " + p.getSymbolicName() + " " + p.getVersion()
                        + ", which does not resolve: " + chain(ctx, p, seen);
            }
        }
        return "each requirement is offered, but not consistently (a uses constraint: two versions of one package)";
    }

    /** "it imports org.example [9.0.0,10.0.0)", or the requirement's namespace and filter. */
    static String describe(BundleRequirement req) {
        String filter = String.valueOf(req.getDirectives().get("filter"));
        if (PackageNamespace.PACKAGE_NAMESPACE.equals(req.getNamespace())) {
            return "it imports " + packageOf(filter) + " " + range(filter);
        }
        return "it requires " + req.getNamespace() + " " + filter;
    }

    private static String packageOf(String filter) {
        Matcher m = PACKAGE.matcher(filter);
        return m.find() ? m.group(1) : filter;
    }

    private static String range(String filter) {
        Matcher floor = FLOOR.matcher(filter.replaceAll("\\(!\\(version>=[^)]+\\)\\)", ""));
        Matcher ceiling = CEILING.matcher(filter);
        String lo = floor.find() ? floor.group(1) : "0.0.0";
        return ceiling.find() ? "[" + lo + "," + ceiling.group(1) + ")" : lo + " or later";
    }

    /** What the installed bundles offer of the same package in another version, or that none does. */
    private static String close(BundleContext ctx, BundleRequirement req) {
        String filter = String.valueOf(req.getDirectives().get("filter"));
        if (!PackageNamespace.PACKAGE_NAMESPACE.equals(req.getNamespace())) {
            return "no installed bundle offers it";
        }
        String pkg = packageOf(filter);
        Set<String> near = new TreeSet<>();
        for (Bundle b : ctx.getBundles()) {
            BundleRevision r = b.adapt(BundleRevision.class);
            if (r == null) {
                continue;
            }
            for (BundleCapability c : r.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (pkg.equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                    near.add(b.getSymbolicName() + " " + b.getVersion() + " exports " + pkg + " "
                            + c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
                }
            }
        }
        return near.isEmpty() ? "no installed bundle exports " + pkg + " in any version"
                : "only another version is installed: " + String.join("; ", near);
    }
}

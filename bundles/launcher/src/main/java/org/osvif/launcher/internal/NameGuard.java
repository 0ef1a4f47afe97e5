package org.osvif.launcher.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * A plugin name belongs to the first bundle that serves it; a later bundle's plugin of the same
 * name is hidden from every bundle but the container itself (service hooks, so the core never
 * binds it, whatever its {@code service.ranking}), and the deployer fails that bundle. The names
 * of the first-party plugins are reserved for the runtime's own bundles even when they are not
 * installed.
 */
public final class NameGuard implements FindHook, EventListenerHook {

    /** The first-party plugins' names: only bundles of the runtime may serve them. */
    public static final Set<String> RESERVED = Set.of("ovs", "linux_bridge", "noop");

    /** name to the id of the bundle that serves it */
    private final Map<String, Long> owners = new ConcurrentHashMap<>();
    private final BundleContext system;

    /** @param system the framework's context, to look the owners up */
    public NameGuard(BundleContext system) {
        this.system = system;
    }

    /**
     * @param ref a service
     * @return why it may not serve, or {@code null} if it may (or is not a plugin)
     */
    public String refusal(ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        Object name = ref.getProperty(PluginName.NAME);
        if (b == null || !(name instanceof String n) || !isPlugin(ref)) {
            return null;
        }
        Long owner = owners.get(n);
        Bundle o = owner == null ? null : system.getBundle(owner);
        if (o != null && o.getBundleId() != b.getBundleId() && o.getState() != Bundle.UNINSTALLED && serves(o, n)) {
            return "plugin name '" + n + "' is already served by " + o.getSymbolicName() + " " + o.getVersion();
        }
        if (RESERVED.contains(n) && b.getLocation().startsWith(Deployer.LOCATION)) {
            return "plugin name '" + n + "' is reserved for osvif's own plugin";
        }
        // Free, or its owner went (uninstalled, or no longer serves it): this bundle's now.
        owners.put(n, b.getBundleId());
        return null;
    }

    private static boolean serves(Bundle b, String name) {
        ServiceReference<?>[] refs = b.getRegisteredServices();
        for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
            if (isPlugin(r) && name.equals(r.getProperty(PluginName.NAME))) {
                return true;
            }
        }
        return false;
    }

    static boolean isPlugin(ServiceReference<?> r) {
        Object classes = r.getProperty(Constants.OBJECTCLASS);
        return classes instanceof String[] a && Arrays.asList(a).contains(VifPlugin.class.getName());
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        if (context.getBundle().getBundleId() != 0) {
            references.removeIf(r -> refusal(r) != null);
        }
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        if (event.getType() != ServiceEvent.UNREGISTERING && refusal(event.getServiceReference()) != null) {
            listeners.keySet().removeIf(c -> c.getBundle().getBundleId() != 0);
        }
    }
}

package org.osvif.core.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osvif.OsVif;
import org.osvif.PlugException;
import org.osvif.PlugRequest;
import org.osvif.PluginStats;
import org.osvif.UnplugException;
import org.osvif.VifResult;
import org.osvif.objects.HostInfo;
import org.osvif.objects.HostPluginInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Negotiation;
import org.osvif.objects.OsVifException;
import org.osvif.objects.VIFBase;
import org.osvif.plugin.BatchVifPlugin;
import org.osvif.plugin.HostInfoListener;
import org.osvif.plugin.PlugObserver;
import org.osvif.plugin.PlugOutcome;
import org.osvif.plugin.PlugPhases;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * The {@link OsVif} service: tracks {@link VifPlugin} services as they come, go and are
 * replaced, and dispatches each call to the plugin its VIF names, after checking the VIF against
 * what that plugin describes.
 */
@Component(service = OsVif.class, configurationPid = "org.osvif.core")
@Designate(ocd = CoreConfig.class)
public final class Dispatcher implements OsVif {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final PluginTable plugins;
    private final VifLocks vifLocks = new VifLocks();
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private final List<HostInfoListener> listeners = new CopyOnWriteArrayList<>();
    /** Measures calls into plugins (the container's metrics); see {@link Observers}. */
    @Reference(service = PlugObserver.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    volatile List<PlugObserver> observers = List.of();
    /** Listeners hear of changes in order, off the thread that (un)registered a service. */
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "osvif-hostinfo-notifier");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param config the component's configuration
     */
    @Activate
    public Dispatcher(CoreConfig config) {
        this.plugins = new PluginTable(config.plugin_wait_ms());
    }

    @Deactivate
    void deactivate() {
        notifier.shutdown();
    }

    /**
     * A plugin service appeared.
     *
     * @param plugin the service
     * @param props its service properties
     */
    @Reference(service = VifPlugin.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindPlugin(VifPlugin plugin, Map<String, Object> props) {
        Object name = props.get(PluginName.NAME);
        long id = ((Number) props.getOrDefault(Constants.SERVICE_ID, -1L)).longValue();
        if (!(name instanceof String)) {
            LOG.log(Level.ERROR, "ignoring plugin service {0} ({1}): no {2} service property",
                    id, plugin.getClass().getName(), PluginName.NAME);
            return;
        }
        Object ranking = props.get(Constants.SERVICE_RANKING);
        PluginEntry entry;
        try {
            entry = new PluginEntry((String) name, ranking instanceof Integer ? (Integer) ranking : 0, id, plugin);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "ignoring plugin service " + id + ": describe() failed", e);
            return;
        }
        PluginEntry serving = plugins.add(entry);
        counters.computeIfAbsent(entry.name, k -> new Counters());
        if (serving != entry) {
            LOG.log(Level.WARNING, "two plugins named {0}: {1} serves, {2} waits (service ranking)",
                    entry.name, serving, entry);
        } else {
            LOG.log(Level.INFO, "{0} is serving", entry);
        }
        announce();
    }

    /**
     * A plugin service went away; returns once the calls inside it have finished.
     *
     * @param plugin the service
     * @param props its service properties
     */
    void unbindPlugin(VifPlugin plugin, Map<String, Object> props) {
        long id = ((Number) props.getOrDefault(Constants.SERVICE_ID, -1L)).longValue();
        PluginEntry gone = plugins.remove(id);
        if (gone != null) {
            gone.close();
            PluginEntry next = plugins.serving().get(gone.name);
            LOG.log(Level.INFO, "{0} removed{1}", gone, next == null ? "" : "; " + next + " serves");
            announce();
        }
    }

    /**
     * @param listener told of every change of the host info
     */
    @Reference(service = HostInfoListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindListener(HostInfoListener listener) {
        listeners.add(listener);
        HostInfo now = hostInfo();
        notify(() -> tell(listener, now));
    }

    void unbindListener(HostInfoListener listener) {
        listeners.remove(listener);
    }

    private void announce() {
        HostInfo now = hostInfo();
        notify(() -> listeners.forEach(l -> tell(l, now)));
    }

    /**
     * SCR unbinds the plugins after {@link #deactivate()} has stopped the notifier: a component
     * going away has no one left to tell, so those changes are dropped, not an error.
     */
    private void notify(Runnable r) {
        try {
            notifier.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException deactivated) {
            LOG.log(Level.DEBUG, "deactivated: host info change not announced");
        }
    }

    private static void tell(HostInfoListener l, HostInfo info) {
        try {
            l.hostInfoChanged(info);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "host info listener " + l + " failed", e);
        }
    }

    @Override
    public void plug(VIFBase vif, InstanceInfo instanceInfo) {
        call(vif, instanceInfo, true);
    }

    @Override
    public void unplug(VIFBase vif, InstanceInfo instanceInfo) {
        call(vif, instanceInfo, false);
    }

    private void call(VIFBase vif, InstanceInfo info, boolean plug) {
        String name = vif.plugin();
        if (name == null) {
            throw new org.osvif.objects.ObjectException(vif.type().name() + ".plugin", "is not set");
        }
        String id = vif.id() == null ? "" : vif.id();
        try {
            vifLocks.lock(id);
            try {
                PluginEntry entry = plugins.enter(name);
                try {
                    // os-vif's own checks of class, version and port profile against describe().
                    Negotiation.targetsFor(entry.asHost, vif);
                    invoke(entry, vif, info, plug);
                } finally {
                    entry.exit();
                }
            } finally {
                vifLocks.unlock(id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String what = vif.type().name() + " " + id;
            throw plug ? new PlugException(name, what, id, e) : new UnplugException(name, what, id, e);
        }
    }

    private void invoke(PluginEntry entry, VIFBase vif, InstanceInfo info, boolean plug) {
        Counters c = counters.computeIfAbsent(entry.name, k -> new Counters());
        List<PlugObserver> observing = observers;
        PlugPhases.Scope phases = Observers.open(observing);
        long start = System.nanoTime();
        try {
            if (plug) {
                entry.plugin.plug(vif, info);
            } else {
                entry.plugin.unplug(vif, info);
            }
            long took = System.nanoTime() - start;
            c.record(plug, true, took);
            Observers.tell(observing, phases, entry.name, plug, vif.id(), true, took);
        } catch (Exception e) {
            long took = System.nanoTime() - start;
            c.record(plug, false, took);
            Observers.tell(observing, phases, entry.name, plug, vif.id(), false, took);
            // The caller gets the exception; the log says what failed in one line, the stack only
            // at DEBUG (a failed plug is an outcome to report, not a crash to dissect).
            throw wrap(entry, vif, plug, e);
        }
    }

    @Override
    public List<VifResult> plugAll(List<PlugRequest> requests) {
        return batch(requests, true);
    }

    @Override
    public List<VifResult> unplugAll(List<PlugRequest> requests) {
        return batch(requests, false);
    }

    /**
     * Cuts the requests into runs of distinct VIF ids (a VIF named twice is handled twice, the
     * second after the first) and runs each run as one segment.
     */
    private List<VifResult> batch(List<PlugRequest> requests, boolean plug) {
        VifResult[] out = new VifResult[requests.size()];
        int from = 0;
        while (from < requests.size()) {
            Set<String> ids = new HashSet<>();
            int to = from;
            while (to < requests.size() && ids.add(idOf(requests.get(to).vif()))) {
                to++;
            }
            segment(requests, from, to, ids, plug, out);
            from = to;
        }
        return List.of(out);
    }

    private static String idOf(VIFBase vif) {
        return vif.id() == null ? "" : vif.id();
    }

    /**
     * One run of distinct VIF ids: their locks taken in sorted order (so two batches, or a batch
     * and single calls, cannot deadlock), then each plugin's share of the run in one batch call,
     * or one call per VIF for a plugin without a batch path.
     */
    private void segment(List<PlugRequest> requests, int from, int to, Set<String> ids, boolean plug,
            VifResult[] out) {
        List<String> order = new ArrayList<>(ids);
        order.sort(null);
        List<String> held = new ArrayList<>(order.size());
        try {
            for (String id : order) {
                vifLocks.lock(id);
                held.add(id);
            }
            Map<String, List<Integer>> byPlugin = new LinkedHashMap<>();
            for (int i = from; i < to; i++) {
                VIFBase vif = requests.get(i).vif();
                if (vif.plugin() == null) {
                    out[i] = failed(vif, new org.osvif.objects.ObjectException(vif.type().name() + ".plugin",
                            "is not set"), 0);
                } else {
                    byPlugin.computeIfAbsent(vif.plugin(), k -> new ArrayList<>()).add(i);
                }
            }
            for (Map.Entry<String, List<Integer>> e : byPlugin.entrySet()) {
                PluginEntry entry;
                try {
                    entry = plugins.enter(e.getKey());
                } catch (OsVifException refused) {
                    for (int i : e.getValue()) {
                        out[i] = failed(requests.get(i).vif(), refused, 0);
                    }
                    continue;
                }
                try {
                    share(entry, requests, e.getValue(), plug, out);
                } finally {
                    entry.exit();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (int i = from; i < to; i++) {
                if (out[i] == null) {
                    VIFBase vif = requests.get(i).vif();
                    String what = vif.type().name() + " " + idOf(vif);
                    out[i] = failed(vif, plug ? new PlugException(vif.plugin(), what, idOf(vif), e)
                            : new UnplugException(vif.plugin(), what, idOf(vif), e), 0);
                }
            }
        } finally {
            for (String id : held) {
                vifLocks.unlock(id);
            }
        }
    }

    /** One plugin's VIFs of a segment, checked, then plugged. */
    private void share(PluginEntry entry, List<PlugRequest> requests, List<Integer> indexes, boolean plug,
            VifResult[] out) {
        List<Integer> checked = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            try {
                Negotiation.targetsFor(entry.asHost, requests.get(i).vif());
                checked.add(i);
            } catch (OsVifException e) {
                out[i] = failed(requests.get(i).vif(), e, 0);
            }
        }
        if (entry.plugin instanceof BatchVifPlugin b && checked.size() > 1) {
            inBatch(entry, b, requests, checked, plug, out);
            return;
        }
        // A 1.x plugin: one call per VIF, in order, as plug() would make it.
        for (int i : checked) {
            VIFBase vif = requests.get(i).vif();
            long start = System.nanoTime();
            try {
                invoke(entry, vif, requests.get(i).instanceInfo(), plug);
                out[i] = new VifResult(vif.id(), null, (System.nanoTime() - start) / 1e6, Map.of());
            } catch (OsVifException e) {
                out[i] = failed(vif, e, (System.nanoTime() - start) / 1e6);
            }
        }
    }

    private void inBatch(PluginEntry entry, BatchVifPlugin b, List<PlugRequest> requests, List<Integer> indexes,
            boolean plug, VifResult[] out) {
        List<PlugRequest> sub = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            sub.add(requests.get(i));
        }
        Counters c = counters.computeIfAbsent(entry.name, k -> new Counters());
        long start = System.nanoTime();
        List<PlugOutcome> outcomes;
        RuntimeException whole = null;
        try {
            outcomes = plug ? b.plugAll(sub) : b.unplugAll(sub);
            if (outcomes == null || outcomes.size() != sub.size()) {
                throw new IllegalStateException(entry + " answered a batch of " + sub.size() + " with "
                        + (outcomes == null ? "null" : outcomes.size() + " outcomes"));
            }
        } catch (RuntimeException e) {
            // The batch call itself broke: every VIF of it failed with that error.
            whole = e;
            outcomes = null;
        }
        long took = System.nanoTime() - start;
        List<PlugObserver> observing = observers;
        for (int k = 0; k < sub.size(); k++) {
            int i = indexes.get(k);
            VIFBase vif = sub.get(k).vif();
            Exception error = whole != null ? whole : outcomes.get(k).error();
            c.record(plug, error == null, took);
            Observers.tell(observing, entry.name, plug, vif.id(), error == null, took,
                    whole != null ? Map.of() : outcomes.get(k).phases());
            if (error == null) {
                out[i] = new VifResult(vif.id(), null, took / 1e6, outcomes.get(k).phases());
            } else {
                out[i] = failed(vif, wrap(entry, vif, plug, error), took / 1e6);
            }
        }
    }

    private static OsVifException wrap(PluginEntry entry, VIFBase vif, boolean plug, Exception e) {
        String what = vif.type().name() + " " + vif.version() + " " + vif.id();
        LOG.log(Level.WARNING, "failed to " + (plug ? "plug " : "unplug ") + what + " with " + entry + ": " + e);
        LOG.log(Level.DEBUG, "the failure's stack", e);
        return plug ? new PlugException(entry.name, what, vif.id(), e) : new UnplugException(entry.name, what, vif.id(), e);
    }

    private static VifResult failed(VIFBase vif, OsVifException e, double ms) {
        return new VifResult(vif.id(), e, ms, Map.of());
    }

    @Override
    public HostInfo hostInfo() {
        List<HostPluginInfo> infos = new ArrayList<>();
        for (PluginEntry e : plugins.serving().values()) {
            infos.add(e.description);
        }
        return HostInfo.builder().pluginInfo(infos).build();
    }

    @Override
    public HostInfo hostInfo(Collection<String> permittedVifTypeNames) {
        return hostInfo().filterVifTypes(permittedVifTypeNames);
    }

    @Override
    public Map<String, PluginStats> stats() {
        Map<String, PluginStats> out = new TreeMap<>();
        counters.forEach((name, c) -> out.put(name, c.snapshot()));
        return out;
    }

    /** For tests: no per-VIF lock outlives its calls. */
    int vifLocksInUse() {
        return vifLocks.size();
    }
}

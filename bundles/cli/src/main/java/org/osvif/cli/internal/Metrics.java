package org.osvif.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osvif.launcher.Container;
import org.osvif.launcher.DeployEvent;
import org.osvif.launcher.DeployListener;
import org.osvif.launcher.PluginView;
import org.osvif.plugin.PlugCall;
import org.osvif.plugin.PlugObserver;

/**
 * The running container's metrics, in a registry of the Prometheus Java client. The core tells
 * it of every call into a plugin ({@link PlugObserver}), the deploy/ watcher of every outcome
 * ({@link DeployListener}); the plugins' identity and state are read at each scrape. Written in
 * the Prometheus text exposition format 0.0.4 by {@code osvif metrics} and {@code GET /metrics}.
 */
final class Metrics implements PlugObserver, DeployListener {

    /** Plugs take from microseconds (noop) to seconds (ovs-vswitchd under load). */
    static final double[] PLUG_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5, 10, 30};
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The metrics of the container {@code osvif run} started in this process, or {@code null}. */
    static volatile Metrics active;

    private final Container container;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter plugs;
    private final Counter unplugs;
    private final Histogram plugSeconds;
    private final Histogram phaseSeconds;
    private final Counter deployEvents;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    private Metrics(Container container) {
        this.container = container;
        plugs = Counter.builder().name("osvif_plugs_total").help("plugs dispatched to a plugin, by outcome")
                .labelNames("plugin", "result").withoutExemplars().register(registry);
        unplugs = Counter.builder().name("osvif_unplugs_total").help("unplugs dispatched to a plugin, by outcome")
                .labelNames("plugin", "result").withoutExemplars().register(registry);
        plugSeconds = Histogram.builder().name("osvif_plug_duration_seconds")
                .help("time of a plug inside the plugin (after the checks and the VIF's lock), ok or failed")
                .labelNames("plugin").classicOnly().classicUpperBounds(PLUG_BUCKETS).withoutExemplars().register(registry);
        phaseSeconds = Histogram.builder().name("osvif_plug_phase_seconds")
                .help("time of one phase of a plug, as the plugin reports it (e.g. the ovs plugin's OVSDB commit)")
                .labelNames("plugin", "phase").classicOnly().classicUpperBounds(PLUG_BUCKETS).withoutExemplars()
                .register(registry);
        deployEvents = Counter.builder().name("osvif_deploy_events_total")
                .help("outcomes of deploy/: installed, upgraded, rolled_back (a failed upgrade undone), failed, removed")
                .labelNames("event").withoutExemplars().register(registry);
        for (DeployEvent.Kind k : DeployEvent.Kind.values()) {
            deployEvents.labelValues(event(k)); // every event shows, at 0, from the start
        }
        GaugeWithCallback.builder().name("osvif_plugin_info")
                .help("one series per plugin service: its bundle, version and bundle state; the value is 1")
                .labelNames("plugin", "bundle", "version", "state")
                .callback(cb -> {
                    java.util.Set<List<String>> seen = new java.util.HashSet<>();
                    for (PluginView p : container.plugins()) {
                        List<String> labels = List.of(p.name(), String.valueOf(p.bundle()), String.valueOf(p.version()),
                                p.state());
                        if (seen.add(labels)) { // one series per label set, even for twin services
                            cb.call(1, labels.toArray(new String[0]));
                        }

                    }
                }).register(registry);
        Gauge start = Gauge.builder().name("osvif_container_start_time_seconds")
                .help("when the container process started, in seconds since the Unix epoch").withoutExemplars()
                .register(registry);
        start.set(ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli() / 1e3)
                .orElse(System.currentTimeMillis() / 1e3));
    }

    /**
     * Starts measuring a container: registers the observer services in its framework.
     *
     * @return the container's metrics
     */
    static Metrics register(Container container) {
        Metrics m = new Metrics(container);
        BundleContext ctx = container.context();
        m.registrations.add(ctx.registerService(PlugObserver.class, m, null));
        m.registrations.add(ctx.registerService(DeployListener.class, m, null));
        return m;
    }

    /**
     * What {@code osvif run} does: measures its container and, when {@code metrics_listen} is
     * set, serves the metrics over HTTP.
     *
     * @param runtime the {@code org.osvif.runtime} configuration
     * @return closing it stops the endpoint
     */
    static AutoCloseable start(Container container, Map<String, Object> runtime) {
        Metrics m = register(container);
        Object listen = runtime.get("metrics_listen");
        com.sun.net.httpserver.HttpServer http = listen == null || listen.toString().isBlank() ? null
                : MetricsEndpoint.start(listen.toString(), m);
        active = m;
        return () -> {
            active = null;
            if (http != null) {
                http.stop(0);
            }
        };
    }

    private static String event(DeployEvent.Kind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Every plugin's counters and histogram exist from its first scrape, at 0: a rate() over a
     * series that appears only with the first failure misses that failure.
     */
    private void zeroes(String plugin) {
        for (String result : List.of("ok", "failed")) {
            plugs.labelValues(plugin, result);
            unplugs.labelValues(plugin, result);
        }
        plugSeconds.labelValues(plugin);
    }

    @Override
    public void observed(PlugCall call) {
        String result = call.ok() ? "ok" : "failed";
        (call.plug() ? plugs : unplugs).labelValues(call.plugin(), result).inc();
        if (call.plug()) {
            plugSeconds.labelValues(call.plugin()).observe(call.nanos() / 1e9);
            for (Map.Entry<String, Long> phase : call.phaseNanos().entrySet()) {
                phaseSeconds.labelValues(call.plugin(), phase.getKey()).observe(phase.getValue() / 1e9);
            }
        }
    }

    @Override
    public void deployed(DeployEvent event) {
        deployEvents.labelValues(event(event.kind())).inc();
    }

    /** Writes every metric in the text exposition format 0.0.4. */
    void write(OutputStream out) throws IOException {
        for (PluginView p : container.plugins()) {
            zeroes(p.name());
        }
        writer.write(out, registry.scrape());
    }

    String text() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            write(b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // memory does not fail
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}

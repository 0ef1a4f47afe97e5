package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code osvif metrics} and {@code GET /metrics} of a running container, parsed by a strict
 * parser of the text format 0.0.4, before and after plugs with the noop plugin, a failing plug
 * with the example vendor plugin, and deploy events.
 */
class MetricsTest {

    @TempDir
    Path home;

    PrometheusText metrics() throws Exception {
        Osvif m = Osvif.viaSocket(home, "", "metrics");
        assertThat(m.exit).as(m.toString()).isZero();
        assertThat(m.err).isEmpty();
        return PrometheusText.parse(m.out);
    }

    PrometheusText awaitMetric(String name, double wanted, String... labels) throws Exception {
        return Await.until(name + " = " + wanted, 30, this::metrics, p -> Double.valueOf(wanted).equals(p.value(name, labels)));
    }

    static int freeLoopbackPort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Test
    void withoutAContainerMetricsExitsThree() throws Exception {
        Osvif m = Osvif.run(home, "", "metrics");
        assertThat(m.exit).as(m.toString()).isEqualTo(3);
        assertThat(m.out).isEmpty();
        assertThat(m.err).startsWith("error: metrics: no container runs under ").endsWith("start one with osvif run\n");
        assertThat(m.err.lines()).hasSize(1);
    }

    @Test
    void countersHistogramsPluginsAndDeployEventsOverTheSocketAndHttp() throws Exception {
        int port = freeLoopbackPort();
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"), "metrics_listen = 127.0.0.1:" + port + "\n");
        Path state = home.resolve("vendor-state");
        Files.writeString(home.resolve("etc/com.example.osvif.vendor.cfg"), "state_dir = " + state + "\n");
        long before = System.currentTimeMillis() / 1000;
        try (RunningOsvif c = RunningOsvif.start(home)) {
            PrometheusText m0 = metrics();
            double start = m0.value("osvif_container_start_time_seconds");
            assertThat(start).isBetween(before - 60.0, System.currentTimeMillis() / 1000.0);
            assertThat(m0.types).containsEntry("osvif_plugs_total", "counter").containsEntry("osvif_unplugs_total", "counter")
                    .containsEntry("osvif_plug_duration_seconds", "histogram")
                    .containsEntry("osvif_deploy_events_total", "counter")
                    .containsEntry("osvif_plugin_info", "gauge")
                    .containsEntry("osvif_container_start_time_seconds", "gauge");
            assertThat(m0.value("osvif_plugs_total", "plugin", "noop", "result", "ok")).isEqualTo(0.0);
            assertThat(m0.value("osvif_plug_duration_seconds_count", "plugin", "noop")).isEqualTo(0.0);
            for (String e : new String[] {"installed", "upgraded", "rolled_back", "failed", "removed"}) {
                assertThat(m0.value("osvif_deploy_events_total", "event", e)).as(e).isEqualTo(0.0);
            }
            assertThat(m0.series("osvif_plugin_info")).anyMatch(s -> s.contains("plugin=\"noop\"")
                    && s.contains("bundle=\"org.osvif.plug.noop\"") && s.contains("state=\"ACTIVE\""));

            // three plugs and an unplug with noop, one plug with a plugin that does not exist
            String three = CommandsTest.request(1, "noop") + "\n" + CommandsTest.request(2, "noop") + "\n"
                    + CommandsTest.request(3, "noop") + "\n";
            assertThat(c.osvif(three, "plug").exit).isZero();
            assertThat(c.osvif(CommandsTest.request(1, "noop") + "\n", "unplug").exit).isZero();
            PrometheusText m1 = metrics();
            assertThat(m1.value("osvif_plugs_total", "plugin", "noop", "result", "ok")).isEqualTo(3.0);
            assertThat(m1.value("osvif_plugs_total", "plugin", "noop", "result", "failed")).isEqualTo(0.0);
            assertThat(m1.value("osvif_unplugs_total", "plugin", "noop", "result", "ok")).isEqualTo(1.0);
            assertThat(m1.value("osvif_plug_duration_seconds_count", "plugin", "noop")).isEqualTo(3.0);
            assertThat(m1.value("osvif_plug_duration_seconds_bucket", "plugin", "noop", "le", "+Inf")).isEqualTo(3.0);
            assertThat(m1.value("osvif_plug_duration_seconds_sum", "plugin", "noop")).isGreaterThan(0.0).isLessThan(3.0);

            // deploy events: the vendor plugin installed, a jar that is none refused
            Path tmp = home.resolve("vendor.tmp");
            Files.copy(RunningContainerTest.vendor("1.0"), tmp);
            Files.move(tmp, home.resolve("deploy/vendor.jar"), StandardCopyOption.ATOMIC_MOVE);
            awaitMetric("osvif_deploy_events_total", 1, "event", "installed");
            Files.writeString(tmp, "not a jar");
            Files.move(tmp, home.resolve("deploy/bad.jar"), StandardCopyOption.ATOMIC_MOVE);
            PrometheusText m2 = awaitMetric("osvif_deploy_events_total", 1, "event", "failed");
            assertThat(m2.series("osvif_plugin_info")).anyMatch(s -> s.contains("plugin=\"vendor_example\"")
                    && s.contains("bundle=\"com.example.osvif.vendor\"") && s.contains("version=\"1.0.0\"")
                    && s.contains("state=\"ACTIVE\""));

            // a plug the vendor plugin fails: its state folder is now a file
            assertThat(c.osvif(RunningContainerTest.vendorRequest(1) + "\n", "plug").exit).isZero();
            Files.walk(state).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.writeString(state, "in the way");
            Osvif failed = c.osvif(RunningContainerTest.vendorRequest(2) + "\n", "plug");
            assertThat(failed.exit).as(failed.toString()).isEqualTo(1);
            PrometheusText m3 = metrics();
            assertThat(m3.value("osvif_plugs_total", "plugin", "vendor_example", "result", "ok")).isEqualTo(1.0);
            assertThat(m3.value("osvif_plugs_total", "plugin", "vendor_example", "result", "failed")).isEqualTo(1.0);
            assertThat(m3.value("osvif_plug_duration_seconds_count", "plugin", "vendor_example")).isEqualTo(2.0);
            // the failed plug is one WARNING line of the log, naming the VIF
            Await.fileContains(home.resolve("log/osvif.log"), "WARNING org.osvif.core.internal.Dispatcher failed to plug"
                    + " VIFGeneric 1.0 00000000-0000-0000-0000-000000000102 with plugin vendor_example", 30);

            // the same over HTTP, on the loopback port the test chose
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            PrometheusText h = PrometheusText.parse(r.body());
            assertThat(h.value("osvif_plugs_total", "plugin", "noop", "result", "ok")).isEqualTo(3.0);
            assertThat(h.value("osvif_plugs_total", "plugin", "vendor_example", "result", "failed")).isEqualTo(1.0);
            assertThat(h.samples.keySet()).isEqualTo(m3.samples.keySet());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aBadListenAddressIsRefusedNamingTheKey() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"), "metrics_listen = 9178\n");
        Osvif run = Osvif.run(home, "", "run", "--no-console");
        assertThat(run.exit).as(run.toString()).isEqualTo(2);
        assertThat(run.err.lines().filter(l -> l.startsWith("error: ")).toList())
                .containsExactly("error: org.osvif.runtime.metrics_listen = 9178: expected HOST:PORT, e.g. 127.0.0.1:9178");
        // refused before the framework starts: no cache, no "container running"
        assertThat(home.resolve("data/framework")).doesNotExist();
        assertThat(run.err).doesNotContain("container running");
    }
}

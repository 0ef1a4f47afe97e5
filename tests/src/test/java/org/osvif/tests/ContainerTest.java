package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osvif.OsVif;
import org.osvif.launcher.Container;
import org.osvif.objects.HostInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.NoMatchingPlugin;
import org.osvif.objects.VIFVHostUser;
import org.osvif.plugin.HostInfoListener;

/**
 * The real container with the real bundles: a plugin bundle installed, started, updated under
 * load, stopped and uninstalled, with host info and dispatch checked after each step.
 */
class ContainerTest {

    static final Path BUNDLES = Osvif.TOP.resolve("runtime/bundles");
    static final InstanceInfo INSTANCE = InstanceInfo.builder().uuid("00000000-0000-0000-0000-0000000000ff")
            .name("vm").projectId("p").build();

    @TempDir
    Path home;

    static VIFVHostUser vif(int n) {
        return VIFVHostUser.builder().id(String.format("00000000-0000-0000-0000-%012d", n)).plugin("noop")
                .vifName("vhu" + n).path("/run/vhu" + n).mode("server").build();
    }

    /** Waits for the next announced host info that satisfies {@code wanted}. */
    static HostInfo await(BlockingQueue<HostInfo> heard, java.util.function.Predicate<HostInfo> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            HostInfo h = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (h != null && wanted.test(h)) {
                return h;
            }
        }
        throw new AssertionError("no host info change as wanted within 10 s");
    }

    @Test
    void aPluginBundleComesIsUpdatedUnderLoadAndGoes() throws Exception {
        Path dir = Files.createDirectories(home.resolve("bundles"));
        for (Path jar : Files.newDirectoryStream(BUNDLES, "*.jar")) {
            if (!jar.getFileName().toString().startsWith("plug-noop")) {
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
        }
        Path noopJar;
        try (var jars = Files.newDirectoryStream(BUNDLES, "plug-noop*.jar")) {
            noopJar = jars.iterator().next();
        }
        try (Container c = Container.options(home).bundles(dir).start()) {
            OsVif osvif = c.osVif(Duration.ofSeconds(10));
            BlockingQueue<HostInfo> heard = new LinkedBlockingQueue<>();
            c.context().registerService(HostInfoListener.class, heard::add, null);
            assertThat(await(heard, h -> true).hasPlugin("noop")).isFalse();
            assertThatThrownBy(() -> osvif.plug(vif(1), INSTANCE)).isInstanceOf(NoMatchingPlugin.class);

            Bundle noop;
            try (InputStream in = Files.newInputStream(noopJar)) {
                noop = c.context().installBundle(noopJar.toUri().toString(), in);
            }
            noop.start();
            await(heard, h -> h.hasPlugin("noop"));
            assertThat(osvif.hostInfo().getPlugin("noop").hasVif("VIFVHostUser")).isTrue();
            osvif.plug(vif(1), INSTANCE);

            // Four threads plug without pause while the bundle is updated: none may fail.
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger done = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<CompletableFuture<Void>> load = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = 1000 * (t + 1);
                load.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; running.get(); i++) {
                        try {
                            osvif.plug(vif(base + i % 500), INSTANCE);
                            done.incrementAndGet();
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }));
            }
            awaitCount(done, 1000, failure);
            long before = noop.getLastModified();
            try (InputStream in = Files.newInputStream(noopJar)) {
                noop.update(in);
            }
            assertThat(noop.getLastModified()).isGreaterThanOrEqualTo(before);
            assertThat(noop.getState()).isEqualTo(Bundle.ACTIVE);
            int afterUpdate = done.get();
            awaitCount(done, afterUpdate + 1000, failure);
            running.set(false);
            CompletableFuture.allOf(load.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            assertThat(failure.get()).as("a plug failed during the update").isNull();
            assertThat(osvif.stats().get("noop").plugs()).isGreaterThanOrEqualTo(2001);

            noop.stop();
            await(heard, h -> !h.hasPlugin("noop"));
            assertThat(osvif.hostInfo().hasPlugin("noop")).isFalse();
            noop.uninstall();
            assertThat(noop.getState()).isEqualTo(Bundle.UNINSTALLED);
        }
    }

    /** Until the load has done {@code n} plugs; gives up at the first failure or after 30 s. */
    static void awaitCount(AtomicInteger done, int n, AtomicReference<Throwable> failure) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (done.get() < n && failure.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(failure.get()).as("a plug failed").isNull();
        assertThat(done.get()).as("plugs done").isGreaterThanOrEqualTo(n);
    }
}

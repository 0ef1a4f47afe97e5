package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osvif.launcher.Container;
import org.osvif.launcher.ContainerException;

/**
 * The runtime's OSGi features and its bnd-resolved bundles describe the same container, and the
 * operator's choice of features decides which plugin sets run.
 */
class FeaturesTest {

    static final Path FEATURES = Osvif.TOP.resolve("runtime/features");

    @TempDir
    Path home;

    @Test
    void theFeaturesNameExactlyTheBundlesTheResolverChose() throws Exception {
        Set<String> inFeatures = new TreeSet<>();
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"[^:\"]+:([^:\"]+):([^:\"]+)\"");
        try (Stream<Path> s = Files.list(FEATURES)) {
            for (Path f : s.toList()) {
                Matcher m = id.matcher(Files.readString(f));
                while (m.find()) {
                    inFeatures.add(m.group(1) + "-" + m.group(2) + ".jar");
                }
            }
        }
        Set<String> resolved = new TreeSet<>();
        try (Stream<Path> s = Files.list(ContainerTest.BUNDLES)) {
            s.forEach(p -> resolved.add(p.getFileName().toString()));
        }
        assertThat(inFeatures).isEqualTo(resolved);
    }

    Container start() {
        return Container.options(home).bundles(ContainerTest.BUNDLES).features(FEATURES).etc(home.resolve("etc"))
                .throwAway().start();
    }

    @Test
    void theOperatorChoosesThePluginSets() throws Exception {
        try (Container all = start()) {
            assertThat(all.osVif(Duration.ofSeconds(10)).hostInfo().hasPlugin("noop")).isTrue();
        }
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"), "features = osvif-base, osvif-shell\n");
        try (Container base = start()) {
            assertThat(base.osVif(Duration.ofSeconds(10)).hostInfo().pluginInfo()).isEmpty();
            assertThat(base.context().getBundles()).noneMatch(b -> "org.osvif.plug.noop".equals(b.getSymbolicName()))
                    .anyMatch(b -> "org.osvif.shell".equals(b.getSymbolicName()));
        }
        // the ovs plugin alone: its feature brings the netlink bundle its component references
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"), "features = osvif-base, osvif-plugins-ovs\n");
        try (Container ovs = start()) {
            assertThat(ovs.osVif(Duration.ofSeconds(10)).hostInfo().hasPlugin("ovs")).isTrue();
            assertThat(ovs.context().getBundles()).anyMatch(b -> "org.osvif.netlink".equals(b.getSymbolicName()))
                    .noneMatch(b -> "org.osvif.plug.linux_bridge".equals(b.getSymbolicName()));
        }
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"), "features = osvif-shell\n");
        assertThatThrownBy(this::start).isInstanceOf(ContainerException.class).hasMessageContaining("osvif-base must be");
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"), "features = osvif-base, osvif-plugins-nothing\n");
        assertThatThrownBy(this::start).isInstanceOf(ContainerException.class)
                .hasMessageContaining("no feature 'osvif-plugins-nothing'").hasMessageContaining("osvif-plugins-noop");
    }
}

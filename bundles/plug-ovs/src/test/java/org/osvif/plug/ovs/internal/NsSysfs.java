package org.osvif.plug.ovs.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osvif.testsupport.OvsSandbox;


/**
 * A sysfs mounted from inside a named network namespace ({@code nsenter --net}), so that its
 * {@code class/net} shows that namespace's devices to this JVM; unmounted on close.
 */
final class NsSysfs implements AutoCloseable {

    final String netns;
    final Path root;

    NsSysfs(String netns) throws IOException, InterruptedException {
        this.netns = netns;
        this.root = Files.createTempDirectory("osvif-sys");
        try {
            OvsSandbox.run("nsenter", "--net=/run/netns/" + netns, "mount", "-t", "sysfs", "sysfs", root.toString());
        } catch (IOException | InterruptedException e) {
            Files.delete(root);
            throw e;
        }
    }

    Path classNet() {
        return root.resolve("class/net");
    }

    /** @return a device's sysfs attribute, trimmed */
    String attr(String dev, String name) throws IOException {
        return Files.readString(classNet().resolve(dev).resolve(name)).trim();
    }

    boolean exists(String dev) {
        return Files.exists(classNet().resolve(dev));
    }

    /** @return whether the device is administratively up (IFF_UP in {@code flags}) */
    boolean isUp(String dev) throws IOException {
        return (Long.decode(attr(dev, "flags")) & 1) != 0;
    }

    /** Runs {@code ip -n NETNS args...}. */
    String ip(String... args) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip", "-n", netns));
        c.addAll(List.of(args));
        return OvsSandbox.run(c.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        OvsSandbox.run("umount", root.toString());
        Files.delete(root);
    }
}

package org.osvif.plug.ovs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link LinuxNet} with {@code /sys/class/net} for the questions and cheap changes (exists,
 * MTU) and the {@code ip} command for the rest; to be replaced by the netlink bundle.
 */
final class IpLinuxNet implements LinuxNet {

    private final Path sys;
    private final String netns;

    IpLinuxNet(Path sysClassNet) {
        this(sysClassNet, null);
    }

    /**
     * For tests: devices of another network namespace. {@code sysClassNet} must then be a sysfs
     * mounted from inside that namespace; the {@code /proc/sys} settings of {@link #ensureBridge}
     * still go to this process's namespace.
     *
     * @param sysClassNet {@code class/net} of a sysfs
     * @param netns a named namespace ({@code ip -n}), or {@code null} for this process's
     */
    IpLinuxNet(Path sysClassNet, String netns) {
        this.sys = sysClassNet;
        this.netns = netns;
    }

    @Override
    public boolean exists(String dev) {
        return Files.exists(sys.resolve(dev));
    }

    @Override
    public void setMtu(String dev, long mtu) throws IOException {
        if (!exists(dev)) {
            return;
        }
        try {
            Files.writeString(sys.resolve(dev).resolve("mtu"), Long.toString(mtu));
        } catch (NoSuchFileException e) {
            // gone in between: ip link set ... would have exited 1 and been ignored the same way
        }
    }

    @Override
    public void setState(String dev, boolean up) throws IOException {
        if (exists(dev)) {
            ip("link", "set", "dev", dev, up ? "up" : "down");
        }
    }

    @Override
    public void delete(String dev) throws IOException {
        if (exists(dev)) {
            ip("link", "del", "dev", dev);
        }
    }

    @Override
    public void ensureBridge(String bridge) throws IOException {
        if (!exists(bridge)) {
            ip("link", "add", bridge, "type", "bridge", "ageing_time", "0");
        }
        write("/proc/sys/net/ipv6/conf/" + bridge + "/disable_ipv6", "1");
        write("/proc/sys/net/ipv4/conf/" + bridge + "/arp_ignore", "1");
        write("/proc/sys/net/ipv4/conf/" + bridge + "/arp_announce", "2");
        ip("link", "set", "dev", bridge, "up");
    }

    private static void write(String file, String v) throws IOException {
        Path p = Path.of(file);
        if (Files.exists(p)) {
            Files.writeString(p, v);
        }
    }

    @Override
    public void createVethPair(String dev1, String dev2, long mtu) throws IOException {
        delete(dev1);
        delete(dev2);
        ip("link", "add", dev1, "type", "veth", "peer", "name", dev2);
        for (String d : List.of(dev1, dev2)) {
            ip("link", "set", "dev", d, "up", "promisc", "on");
            if (mtu > 0) {
                setMtu(d, mtu);
            }
        }
    }

    @Override
    public void addBridgePort(String bridge, String dev) throws IOException {
        ip("link", "set", "dev", dev, "master", bridge);
    }

    @Override
    public void deleteBridge(String bridge, String dev) throws IOException {
        if (exists(bridge)) {
            ip("link", "del", "dev", bridge);
            if (dev != null && exists(dev)) {
                setState(dev, false);
            }
        }
    }

    @Override
    public void createTap(String dev, long mtu, String mac, boolean multiqueue) throws IOException {
        List<String> a = new ArrayList<>(List.of("tuntap", "add", "dev", dev, "mode", "tap"));
        if (multiqueue) {
            a.add("multi_queue");
        }
        ip(a.toArray(String[]::new));
        if (mac != null) {
            ip("link", "set", "dev", dev, "address", mac);
        }
        setMtu(dev, mtu);
        ip("link", "set", "dev", dev, "up");
    }

    private void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        if (netns != null) {
            cmd.add("-n");
            cmd.add(netns);
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": no exit within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + ": interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + err);
        }
    }
}

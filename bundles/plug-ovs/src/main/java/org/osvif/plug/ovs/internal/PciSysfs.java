package org.osvif.plug.ovs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link Sysfs} on a sysfs tree ({@code /sys}, or a fake one in tests), line for line os-vif's. */
final class PciSysfs implements Sysfs {

    private static final Pattern VIRTFN = Pattern.compile("virtfn(\\d+)");
    private static final Pattern INT = Pattern.compile("^(\\d+)$");
    private static final Pattern VF = Pattern.compile("vf(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PF = Pattern.compile("pf(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PF_FUNC = Pattern.compile("\\.(\\d+)");
    private static final Pattern UPLINK = Pattern.compile("p(\\d+)", Pattern.CASE_INSENSITIVE);

    private final Path sys;

    PciSysfs(Path sys) {
        this.sys = sys;
    }

    private Path pci(String addr) {
        return sys.resolve("bus/pci/devices").resolve(addr);
    }

    private Path net(String ifname) {
        return sys.resolve("class/net").resolve(ifname);
    }

    @Override
    public String vfNumByPciAddress(String pciAddr) {
        Path physfn = pci(pciAddr).resolve("physfn");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(physfn, "virtfn*")) {
            for (Path vf : ds) {
                if (Pattern.compile(pciAddr).matcher(Files.readSymbolicLink(vf).toString()).find()) {
                    Matcher m = VIRTFN.matcher(vf.getFileName().toString());
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // os-vif: any error means "not found"
        }
        throw new PciDeviceNotFoundById(pciAddr);
    }

    @Override
    public String ifnameByPciAddress(String pciAddr, boolean pfInterface, boolean switchdev) {
        Path dir = pfInterface ? pci(pciAddr).resolve("physfn/net") : pci(pciAddr).resolve("net");
        List<String> devices = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                devices.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new PciDeviceNotFoundById(pciAddr);
        }
        if (devices.isEmpty()) {
            throw new PciDeviceNotFoundById(pciAddr);
        }
        if (!switchdev) {
            return devices.get(0);
        }
        if (pfInterface) {
            String fallback = null;
            for (String d : devices) {
                if (isSwitchdev(d)) {
                    fallback = fallback == null ? d : fallback;
                    String ppn = physPortName(d);
                    if (ppn != null && UPLINK.matcher(ppn).find()) {
                        return d;
                    }
                }
            }
            if (fallback != null) {
                return fallback;
            }
        }
        throw new PciDeviceNotFoundById(pciAddr);
    }

    private boolean isSwitchdev(String netdev) {
        String id = physSwitchId(netdev);
        return id != null && !id.isEmpty();
    }

    private String firstLine(Path f) {
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(f);
            return lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String physPortName(String ifname) {
        return firstLine(net(ifname).resolve("phys_port_name"));
    }

    private String physSwitchId(String ifname) {
        return firstLine(net(ifname).resolve("phys_switch_id"));
    }

    private String pfFunc(String pfIfname) {
        Path dev = net(pfIfname).resolve("device");
        if (!Files.isDirectory(dev)) {
            return null;
        }
        try {
            String addr = Files.readSymbolicLink(dev).toString().replaceAll("^[./]+|[./]+$", "");
            Matcher m = PF_FUNC.matcher(addr);
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String representorPort(String pfIfname, String vfNum) {
        String pfSwId;
        try {
            pfSwId = physSwitchId(pfIfname);
        } catch (UncheckedIOException e) {
            throw new RepresentorNotFound(pfIfname, vfNum);
        }
        List<String> devices = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(net(pfIfname).resolve("subsystem"))) {
            for (Path p : ds) {
                devices.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new RepresentorNotFound(pfIfname, vfNum);
        }
        String pfFunc = pfFunc(pfIfname);
        if (pfFunc == null) {
            throw new RepresentorNotFound(pfIfname, vfNum);
        }
        for (String d : devices) {
            String ppn;
            try {
                String sw = physSwitchId(d);
                if (sw == null || sw.isEmpty() || !sw.equals(pfSwId)) {
                    continue;
                }
                ppn = physPortName(d);
                if (ppn == null) {
                    continue;
                }
            } catch (UncheckedIOException e) {
                continue;
            }
            Matcher pf = PF.matcher(ppn);
            if (pf.find() && Integer.parseInt(pf.group(1)) != Integer.parseInt(pfFunc)) {
                continue;
            }
            String rep = vfNumber(ppn);
            if (rep == null) {
                continue;
            }
            try {
                if (Integer.parseInt(rep) == Integer.parseInt(vfNum)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                continue;
            }
        }
        throw new RepresentorNotFound(pfIfname, vfNum);
    }

    private static String vfNumber(String ppn) {
        Matcher m = INT.matcher(ppn);
        if (m.find()) {
            return m.group(1);
        }
        m = VF.matcher(ppn);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public String pfPciFromVf(String vfPci) {
        try {
            return Files.readSymbolicLink(pci(vfPci).resolve("physfn")).getFileName().toString();
        } catch (IOException e) {
            throw new PciDeviceNotFoundById(vfPci);
        }
    }
}

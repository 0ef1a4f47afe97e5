package org.osvif.plug.ovs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osvif.netlink.Netlink;
import org.osvif.objects.HostPluginInfo;
import org.osvif.objects.HostPortProfileInfo;
import org.osvif.objects.HostVIFInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.OsVifException;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFBridge;
import org.osvif.objects.VIFHostDevice;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileBase;
import org.osvif.objects.VIFPortProfileOVSRepresentor;
import org.osvif.objects.VIFPortProfileOpenVSwitch;
import org.osvif.objects.VIFVHostUser;
import org.osvif.ovsdb.Op;
import org.osvif.ovsdb.Op.Condition;
import org.osvif.ovsdb.OvsdbClient;
import org.osvif.ovsdb.NamedUuid;
import org.osvif.ovsdb.Row;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * os-vif 3.0.0's {@code ovs} plugin ({@code vif_plug_ovs.ovs.OvsPlugin}), behaviour for
 * behaviour, over OVSDB directly. Each of os-vif's plug and unplug paths becomes one OVSDB
 * transaction (os-vif runs two or three), so a plug applies whole or not at all. From os-vif
 * master: {@code create_tap}/{@code multiqueue} and, when configured, {@code default_qos_type}.
 */
@Component(configurationPid = "org.osvif.plug.ovs")
@Designate(ocd = OvsConfig.class)
@PluginName(OvsPlugin.NAME)
public final class OvsPlugin implements VifPlugin {

    static final String NAME = "ovs";
    static final int NIC_NAME_LEN = 14;
    static final long DEAD_VLAN = 4095;
    static final String SYSTEM = "system";
    static final String NETDEV = "netdev";
    static final String VHOSTUSER = "dpdkvhostuser";
    static final String VHOSTUSER_CLIENT = "dpdkvhostuserclient";
    static final String DPDK = "dpdk";
    static final String TRUNK_PREFIX = "tbr-";
    private static final UUID QOS_NAMESPACE = UUID.fromString("68da264a-847f-42a8-8ab0-5e774aee3d95");

    static final HostPluginInfo DESCRIPTION = describe0();

    private final Settings settings;
    private final OvsDb ovsdb;
    private final LinuxNet linux;
    private final Sysfs sysfs;

    /**
     * The DS constructor.
     *
     * @param netlink rtnetlink in the container's network namespace
     * @param config the {@code org.osvif.plug.ovs} configuration
     */
    @Activate
    public OvsPlugin(@Reference Netlink netlink, OvsConfig config) {
        this(Settings.of(config), new NetlinkLinuxNet(netlink), new PciSysfs(Path.of("/sys")));
    }

    OvsPlugin(Settings settings, LinuxNet linux, Sysfs sysfs) {
        this.settings = settings;
        this.linux = linux;
        this.sysfs = sysfs;
        OvsdbClient client = OvsdbClient.connect(settings.connection(),
                OvsdbClient.options().callTimeout(settings.timeout()));
        this.ovsdb = new OvsDb(client, settings.timeout(), settings.waitForVswitchd());
    }

    @Deactivate
    void close() {
        ovsdb.client().close();
    }

    private static HostPluginInfo describe0() {
        HostPortProfileInfo ovs = HostPortProfileInfo.builder()
                .profileObjectName(VIFPortProfileOpenVSwitch.TYPE.name()).minVersion("1.0").maxVersion("1.0").build();
        HostPortProfileInfo rep = HostPortProfileInfo.builder()
                .profileObjectName(VIFPortProfileOVSRepresentor.TYPE.name()).minVersion("1.0").maxVersion("1.0").build();
        return HostPluginInfo.builder().pluginName(NAME).vifInfo(List.of(
                vifInfo(VIFBridge.TYPE.name(), List.of(ovs)),
                vifInfo(VIFOpenVSwitch.TYPE.name(), List.of(ovs)),
                vifInfo(VIFVHostUser.TYPE.name(), List.of(ovs, rep)),
                vifInfo(VIFHostDevice.TYPE.name(), List.of(ovs, rep)))).build();
    }

    private static HostVIFInfo vifInfo(String name, List<HostPortProfileInfo> profiles) {
        return HostVIFInfo.builder().vifObjectName(name).minVersion("1.0").maxVersion("1.0")
                .supportedPortProfiles(profiles).build();
    }

    @Override
    public HostPluginInfo describe() {
        return DESCRIPTION;
    }

    static String portName(String prefix, String id, int max) {
        String s = prefix + id;
        return s.length() > max ? s.substring(0, max) : s;
    }

    static String portName(String prefix, String id) {
        return portName(prefix, id, NIC_NAME_LEN);
    }

    private long mtu(VIFBase vif) {
        if (vif.network() != null && vif.network().mtu() != null && vif.network().mtu() != 0) {
            return vif.network().mtu();
        }
        return settings.networkDeviceMtu();
    }

    private static String datapath(VIFBase vif, String dflt) {
        String dp = ((VIFPortProfileOpenVSwitch) vif.portProfile()).datapathType();
        return dp == null || dp.isEmpty() ? dflt : dp;
    }

    private static VIFPortProfileOpenVSwitch profile(VIFBase vif) {
        VIFPortProfileBase p = vif.portProfile();
        if (p == null) {
            throw new MissingPortProfile();
        }
        if (!(p instanceof VIFPortProfileOpenVSwitch o)) {
            throw new WrongPortProfile(p.type().name());
        }
        return o;
    }

    private static boolean isTrunk(String bridge) {
        return bridge.startsWith(TRUNK_PREFIX);
    }

    // ---------------------------------------------------------------- plug

    @Override
    public void plug(VIFBase vif, InstanceInfo instanceInfo) throws Exception {
        profile(vif);
        if (vif instanceof VIFOpenVSwitch o) {
            if (settings.perPortBridge()) {
                plugPortBridge(o, instanceInfo);
            } else {
                plugGeneric(o, instanceInfo);
            }
        } else if (vif instanceof VIFBridge b) {
            plugBridge(b, instanceInfo);
        } else if (vif instanceof VIFVHostUser v) {
            plugVhostuser(v, instanceInfo);
        } else if (vif instanceof VIFHostDevice h) {
            plugVf(h, instanceInfo);
        } else {
            throw new OsVifException("This vif type is not supported by this plugin");
        }
    }

    /** What {@code _create_vif_port} / {@code create_ovs_vif_port} take besides the VIF. */
    private static final class PortArgs {
        String bridge;
        String interfaceType;
        String vhostServerPath;
        String pfPci;
        String vfNum;
        boolean setIds = true;
        String datapathType;
    }

    private void plugGeneric(VIFOpenVSwitch vif, InstanceInfo inst) throws IOException {
        String dp = datapath(vif, SYSTEM);
        VIFPortProfileOpenVSwitch p = profile(vif);
        if (!Boolean.TRUE.equals(p.createPort())) {
            ovsdb.run(t -> t.addBridge(vif.network().bridge(), dp));
            return;
        }
        PortArgs a = new PortArgs();
        createVifPort(vif, vif.vifName(), inst, a, t -> t.addBridge(vif.network().bridge(), dp));
    }

    private void plugVhostuser(VIFVHostUser vif, InstanceInfo inst) throws IOException {
        PortArgs a = new PortArgs();
        a.datapathType = datapath(vif, NETDEV);
        if ("client".equals(vif.mode())) {
            a.interfaceType = VHOSTUSER;
        } else {
            a.interfaceType = VHOSTUSER_CLIENT;
            a.vhostServerPath = vif.path();
        }
        createVifPort(vif, portName("vhu", vif.id()), inst, a, null);
    }

    private void plugVf(VIFHostDevice vif, InstanceInfo inst) throws IOException {
        String dp = datapath(vif, SYSTEM);
        String pci = vif.devAddress();
        String vfNum = sysfs.vfNumByPciAddress(pci);
        PortArgs a = new PortArgs();
        String representor;
        if (SYSTEM.equals(dp)) {
            String pf = sysfs.ifnameByPciAddress(pci, true, true);
            representor = sysfs.representorPort(pf, vfNum);
            linux.setState(representor, true);
        } else {
            representor = portName("vfr", vif.id());
            a.interfaceType = DPDK;
            a.pfPci = sysfs.pfPciFromVf(pci);
            a.vfNum = vfNum;
        }
        createVifPort(vif, representor, inst, a, t -> t.addBridge(vif.network().bridge(), dp));
    }

    private void plugBridge(VIFBridge vif, InstanceInfo inst) throws IOException {
        String qvb = portName("qvb", vif.id());
        String qvo = portName("qvo", vif.id());
        boolean bridgeExisted = linux.exists(vif.bridgeName());
        linux.ensureBridge(vif.bridgeName());
        long mtu = mtu(vif);
        if (linux.exists(qvo)) {
            // update_veth_pair, then update_ovs_vif_port (which sets qvo's MTU once more)
            linux.setMtu(qvb, mtu);
            linux.setMtu(qvo, mtu);
            return;
        }
        try {
            linux.createVethPair(qvb, qvo, mtu);
            linux.addBridgePort(vif.bridgeName(), qvb);
            String dp = datapath(vif, SYSTEM);
            createVifPort(vif, qvo, inst, new PortArgs(), t -> t.addBridge(vif.network().bridge(), dp));
        } catch (IOException | RuntimeException e) {
            undo(e, () -> linux.delete(qvb));
            if (!bridgeExisted) {
                undo(e, () -> linux.deleteBridge(vif.bridgeName(), null));
            }
            throw e;
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void undo(Exception failure, Step step) {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void plugPortBridge(VIFOpenVSwitch vif, InstanceInfo inst) throws IOException {
        String pb = portName("pb", vif.id());
        String pbp = portName("pbp", vif.id(), 64);
        String intBr = vif.network().bridge();
        String ibp = portName("ibp", vif.id(), 64);
        String dp = datapath(vif, SYSTEM);
        PortArgs a = new PortArgs();
        a.bridge = pb;
        a.setIds = false;
        createVifPort(vif, vif.vifName(), inst, a, t -> {
            t.addBridge(intBr, dp);
            t.addBridge(pb, dp);
        }, t -> {
            // create_patch_port_pair: iface-id is the VIF's id here, not the profile's interface_id
            t.addPort(intBr, ibp);
            if (settings.isolateVif()) {
                t.setPort(ibp, Map.of("tag", DEAD_VLAN));
            }
            Map<String, Object> ids = new LinkedHashMap<>();
            ids.put("iface-id", vif.id());
            ids.put("iface-status", "active");
            ids.put("attached-mac", vif.address());
            ids.put("vm-uuid", inst.uuid());
            t.setInterface(ibp, Map.of("external_ids", ids, "type", "patch", "options", Map.of("peer", pbp)));
            t.addPort(pb, pbp);
            t.setInterface(pbp, Map.of("type", "patch", "options", Map.of("peer", ibp)));
        });
    }

    private void createVifPort(VIFBase vif, String dev, InstanceInfo inst, PortArgs a, Consumer<Txn> before)
            throws IOException {
        createVifPort(vif, dev, inst, a, before, null);
    }

    /**
     * {@code _create_vif_port} + {@code create_ovs_vif_port} + {@code update_device_mtu}, with
     * {@code before} and {@code after} in the same transaction.
     */
    private void createVifPort(VIFBase vif, String dev, InstanceInfo inst, PortArgs a, Consumer<Txn> before,
            Consumer<Txn> after) throws IOException {
        long mtu = mtu(vif);
        String bridge = a.bridge != null ? a.bridge : vif.network().bridge();
        VIFPortProfileOpenVSwitch profile = profile(vif);
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("iface-id", profile.interfaceId());
        ids.put("iface-status", "active");
        ids.put("attached-mac", vif.address());
        ids.put("vm-uuid", inst.uuid());
        Map<String, Object> cols = new LinkedHashMap<>();
        if (a.setIds) {
            cols.put("external_ids", ids);
        }
        if (a.interfaceType != null) {
            cols.put("type", a.interfaceType);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (a.vhostServerPath != null) {
            options.put("vhost-server-path", a.vhostServerPath);
        }
        if (DPDK.equals(a.interfaceType) && a.pfPci != null && a.vfNum != null) {
            options.put("dpdk-devargs", a.pfPci + ",representor=[" + a.vfNum + "]");
        }
        if (!options.isEmpty()) {
            cols.put("options", options);
        }
        boolean vhost = VHOSTUSER.equals(a.interfaceType) || VHOSTUSER_CLIENT.equals(a.interfaceType);
        if (vhost && mtu != 0 && ovsdb.supportsMtuRequests()) {
            cols.put("mtu_request", mtu);
        }
        boolean tap = wantsTap(vif, profile);
        String qos = qosType(vif);
        // The tap is made, up and with its MAC and MTU, before vswitchd learns of the port. Made
        // after (as before this fix), vswitchd could open the device while it was still down,
        // cache those flags, and then write them back with IFF_PROMISC added, turning IFF_UP off
        // again: the plug returned with the tap down about one time in three (OvsTapTest).
        // Made first, the first flags vswitchd reads are up.
        boolean tapMade = false;
        if (tap && !linux.exists(dev)) {
            boolean mq = profile.isSet(VIFPortProfileOpenVSwitch.MULTIQUEUE) && Boolean.TRUE.equals(profile.multiqueue());
            linux.createTap(dev, mtu, vif.address(), mq);
            tapMade = true;
        }
        boolean[] created = new boolean[1];
        try {
            runPortTxn(vif, dev, bridge, a, before, after, cols, qos, created);
        } catch (IOException | RuntimeException e) {
            if (tapMade) {
                undo(e, () -> linux.delete(dev));
            }
            throw e;
        }
        try {
            if (!vhost && mtu != 0) {
                linux.setMtu(dev, mtu);
            }
        } catch (IOException | RuntimeException e) {
            if (created[0]) {
                undo(e, () -> ovsdb.run(t -> {
                    t.deletePort(dev, bridge);
                    if (qos != null) {
                        deleteQos(t, dev, qos);
                    }
                }));
            }
            if (tapMade) {
                undo(e, () -> linux.delete(dev));
            }
            throw e;
        }
    }

    /** The port's one transaction; {@code created[0]} says whether it added the port. */
    private void runPortTxn(VIFBase vif, String dev, String bridge, PortArgs a, Consumer<Txn> before,
            Consumer<Txn> after, Map<String, Object> cols, String qos, boolean[] created) throws IOException {
        ovsdb.run(t -> {
            if (before != null) {
                before.accept(t);
            }
            if (a.datapathType != null) {
                t.addBridge(bridge, a.datapathType);
            }
            created[0] = !t.portExists(dev);
            t.addPort(bridge, dev);
            if (settings.isolateVif()) {
                t.setPort(dev, Map.of("tag", DEAD_VLAN));
            }
            if (qos != null && created[0]) {
                deleteQos(t, dev, qos);
                t.add(Op.insert("QoS", Map.of("type", qos, "external_ids",
                        Map.of("id", qosId(dev).toString(), "_type", qos)), "qos"));
                t.setPort(dev, Map.of("qos", new NamedUuid("qos")));
            }
            if (!cols.isEmpty()) {
                t.setInterface(dev, cols);
            }
            if (after != null) {
                after.accept(t);
            }
        });
    }

    /** master's {@code create_tap}, refused before anything changes for a VIF that has no tap. */
    private static boolean wantsTap(VIFBase vif, VIFPortProfileOpenVSwitch p) {
        if (!p.isSet(VIFPortProfileOpenVSwitch.CREATE_TAP) || !Boolean.TRUE.equals(p.createTap())) {
            return false;
        }
        if (!(vif instanceof VIFOpenVSwitch)) {
            throw new OsVifException("Tap creation is not supported for VIF type " + vif.type().name());
        }
        return true;
    }

    /** master's {@code _get_qos_type}: only the kernel datapath has qdiscs. */
    private String qosType(VIFBase vif) {
        if (settings.qosType() == null || !SYSTEM.equals(datapath(vif, SYSTEM))) {
            return null;
        }
        return settings.qosType();
    }

    static UUID qosId(String dev) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            java.nio.ByteBuffer ns = java.nio.ByteBuffer.allocate(16);
            ns.putLong(QOS_NAMESPACE.getMostSignificantBits()).putLong(QOS_NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] h = sha1.digest(dev.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deleteQos(Txn t, String dev, String qos) {
        Map<String, Object> ids = Map.of("id", qosId(dev).toString(), "_type", qos);
        for (Row r : ovsdb.replica().rows("QoS")) {
            if (r.map("external_ids").equals(ids)) {
                t.add(Op.delete("QoS", List.of(Condition.eq("_uuid", r.uuid()))));
            }
        }
    }

    // ---------------------------------------------------------------- unplug

    @Override
    public void unplug(VIFBase vif, InstanceInfo instanceInfo) throws Exception {
        profile(vif);
        if (vif instanceof VIFOpenVSwitch o) {
            if (settings.perPortBridge()) {
                unplugPortBridge(o);
            } else {
                String qbr = portName("qbr", vif.id());
                if (linux.exists(qbr)) {
                    unplugBridge(vif, qbr);
                } else {
                    deleteTapIfCreated(o);
                    deleteVifPort(vif, vif.network().bridge(), o.vifName(), true, null);
                }
            }
        } else if (vif instanceof VIFBridge b) {
            unplugBridge(vif, b.bridgeName());
        } else if (vif instanceof VIFVHostUser) {
            deleteVifPort(vif, vif.network().bridge(), portName("vhu", vif.id()), true, null);
        } else if (vif instanceof VIFHostDevice h) {
            unplugVf(h);
        } else {
            throw new OsVifException("This vif type is not supported by this plugin");
        }
    }

    private void deleteTapIfCreated(VIFOpenVSwitch vif) throws IOException {
        VIFPortProfileOpenVSwitch p = profile(vif);
        if (p.isSet(VIFPortProfileOpenVSwitch.CREATE_TAP) && Boolean.TRUE.equals(p.createTap())) {
            linux.delete(vif.vifName());
        }
    }

    /** {@code delete_ovs_vif_port} and, on a trunk bridge, {@code _delete_bridge_if_trunk}, in one transaction. */
    private void deleteVifPort(VIFBase vif, String bridge, String dev, boolean deleteNetdev, Consumer<Txn> more)
            throws IOException {
        String qos = qosType(vif);
        String trunk = vif.network().bridge();
        ovsdb.run(t -> {
            if (more != null) {
                more.accept(t);
            }
            t.deletePort(dev, bridge);
            if (qos != null) {
                deleteQos(t, dev, qos);
            }
            if (isTrunk(trunk)) {
                t.deleteBridge(trunk);
            }
        });
        if (deleteNetdev) {
            linux.delete(dev);
        }
    }

    private void unplugBridge(VIFBase vif, String linuxBridge) throws IOException {
        String qvb = portName("qvb", vif.id());
        String qvo = portName("qvo", vif.id());
        linux.deleteBridge(linuxBridge, qvb);
        deleteVifPort(vif, vif.network().bridge(), qvo, true, null);
    }

    private void unplugPortBridge(VIFOpenVSwitch vif) throws IOException {
        deleteTapIfCreated(vif);
        String pb = portName("pb", vif.id());
        String pbp = portName("pbp", vif.id(), 64);
        String ibp = portName("ibp", vif.id(), 64);
        deleteVifPort(vif, pb, vif.vifName(), true, t -> {
            t.deletePort(ibp, vif.network().bridge());
            t.deletePort(pbp, pb);
        });
        ovsdb.run(t -> t.deleteBridge(pb));
    }

    private void unplugVf(VIFHostDevice vif) throws IOException {
        String dp = datapath(vif, SYSTEM);
        String representor;
        if (SYSTEM.equals(dp)) {
            String pci = vif.devAddress();
            String pf = sysfs.ifnameByPciAddress(pci, true, true);
            representor = sysfs.representorPort(pf, sysfs.vfNumByPciAddress(pci));
        } else {
            representor = portName("vfr", vif.id());
        }
        deleteVifPort(vif, vif.network().bridge(), representor, false, null);
        if (SYSTEM.equals(dp)) {
            linux.setState(representor, false);
        }
    }

    /** @return the OVSDB client (tests, benchmarks) */
    OvsdbClient client() {
        return ovsdb.client();
    }

}

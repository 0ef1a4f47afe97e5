package org.osvif.plug.ovs.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osvif.ovsdb.NamedUuid;
import org.osvif.ovsdb.Op;
import org.osvif.ovsdb.Op.Condition;
import org.osvif.ovsdb.Op.Mutation;
import org.osvif.ovsdb.Replica;
import org.osvif.ovsdb.Row;
import org.osvif.ovsdb.Uuid;

/**
 * One OVSDB transaction built from the replica, with ovsdbapp's command semantics
 * ({@code add_br may_exist}, {@code add_port may_exist}, {@code db_set} merging maps into the
 * existing value, {@code del_port if_exists}, {@code del_br if_exists}), so that several of
 * os-vif's transactions become one: all of a plug applies, or none of it. Bridges and ports
 * created earlier in the same transaction are referred to by named UUIDs.
 */
final class Txn {

    /**
     * The columns the plugin replicates, per table: those a transaction is built from (names,
     * references, and the values a plug compares with what it would set, so that a re-plug of an
     * unchanged VIF sends nothing) and {@code cur_cfg}, which {@link GroupCommit} waits on. The
     * rest (ovs-vswitchd writes {@code ofport}, {@code status}, {@code statistics} and more back
     * into every new Interface and Port) would only be parsed, then ignored; monitoring just these
     * columns keeps ovsdb-server from sending those updates at all. {@code next_cfg} is read by the
     * tests. A column the server's schema lacks ({@code mtu_request} before OVS 2.6) is skipped.
     */
    static final Map<String, List<String>> COLUMNS = Map.of(
            "Open_vSwitch", List.of("cur_cfg", "next_cfg"),
            "Bridge", List.of("name", "ports", "datapath_type"),
            "Port", List.of("name", "interfaces"),
            "Interface", List.of("name", "type", "options", "external_ids", "mtu_request"),
            "QoS", List.of("type", "external_ids"));

    /** A port inserted by this transaction, or one that exists. */
    private static final class PortState {
        final Object ref;
        final Row row;
        final Map<String, Object> insertRow;
        final Object ifaceRef;
        final Row ifaceRow;
        final Map<String, Object> ifaceInsert;
        final Map<String, Object> ifaceUpdate = new LinkedHashMap<>();
        final Map<String, Object> portUpdate = new LinkedHashMap<>();

        PortState(Object ref, Row row, Map<String, Object> insertRow, Object ifaceRef, Row ifaceRow,
                Map<String, Object> ifaceInsert) {
            this.ref = ref;
            this.row = row;
            this.insertRow = insertRow;
            this.ifaceRef = ifaceRef;
            this.ifaceRow = ifaceRow;
            this.ifaceInsert = ifaceInsert;
        }
    }

    /** A bridge inserted by this transaction, or one that exists. */
    private static final class BridgeState {
        final Row row;
        final Map<String, Object> insertRow;
        final Object ref;
        final Set<Object> addPorts = new LinkedHashSet<>();
        final Set<Object> delPorts = new LinkedHashSet<>();
        final Map<String, Object> update = new LinkedHashMap<>();

        BridgeState(Row row, Map<String, Object> insertRow, Object ref) {
            this.row = row;
            this.insertRow = insertRow;
            this.ref = ref;
        }
    }

    private final Replica db;
    private final Map<String, BridgeState> bridges = new LinkedHashMap<>();
    private final Map<String, PortState> ports = new LinkedHashMap<>();
    private final List<Op> tail = new ArrayList<>();
    private final Set<Object> addRootBridges = new LinkedHashSet<>();
    private final Set<Object> delRootBridges = new LinkedHashSet<>();
    private final List<Op> deletes = new ArrayList<>();
    private final Set<Object> newInterfaces = new LinkedHashSet<>();
    private int names;

    Txn(Replica db) {
        this.db = db;
    }

    private NamedUuid named(String prefix) {
        return new NamedUuid(prefix + (names++));
    }

    Row root() {
        return db.rows("Open_vSwitch").stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the database has no Open_vSwitch row"));
    }

    private static Condition is(Object ref) {
        return Condition.eq("_uuid", ref);
    }

    /** ovsdbapp {@code add_br(name, may_exist=True, datapath_type)}. */
    void addBridge(String name, String datapathType) {
        BridgeState b = bridges.get(name);
        if (b == null) {
            Optional<Row> row = db.byName("Bridge", name);
            if (row.isPresent()) {
                b = new BridgeState(row.get(), null, row.get().uuid());
                bridges.put(name, b);
            } else {
                NamedUuid ref = named("br");
                Map<String, Object> ins = new LinkedHashMap<>();
                ins.put("name", name);
                b = new BridgeState(null, ins, ref);
                bridges.put(name, b);
                addRootBridges.add(ref);
                addPort(name, name);
                setInterface(name, Map.of("type", "internal"));
            }
        }
        if (datapathType != null && !datapathType.isEmpty()) {
            if (b.insertRow != null) {
                b.insertRow.put("datapath_type", datapathType);
            } else if (!datapathType.equals(b.row.get("datapath_type"))) {
                b.update.put("datapath_type", datapathType);
            }
        }
    }

    private BridgeState bridge(String name) {
        BridgeState b = bridges.get(name);
        if (b != null) {
            return b;
        }
        Row row = db.byName("Bridge", name).orElseThrow(() -> new RowNotFound("Bridge", "name", name));
        b = new BridgeState(row, null, row.uuid());
        bridges.put(name, b);
        return b;
    }

    /** ovsdbapp {@code add_port(bridge, port, may_exist=True)}: nothing if a port of that name exists anywhere. */
    void addPort(String bridge, String port) {
        BridgeState b = bridge(bridge);
        if (ports.containsKey(port)) {
            return;
        }
        Optional<Row> existing = db.byName("Port", port);
        if (existing.isPresent()) {
            Row iface = db.byName("Interface", port).orElse(null);
            ports.put(port, new PortState(existing.get().uuid(), existing.get(), null,
                    iface == null ? null : iface.uuid(), iface, null));
            return;
        }
        NamedUuid iref = named("if");
        NamedUuid pref = named("p");
        Map<String, Object> iface = new LinkedHashMap<>();
        iface.put("name", port);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", port);
        p.put("interfaces", Set.of(iref));
        ports.put(port, new PortState(pref, null, p, iref, null, iface));
        newInterfaces.add(iref);
        b.addPorts.add(pref);
    }

    /** ovsdbapp {@code db_set('Port', name, ...)}. */
    void setPort(String port, Map<String, Object> values) {
        PortState p = portState(port);
        if (p.insertRow != null) {
            p.insertRow.putAll(values);
        } else {
            p.portUpdate.putAll(values);
        }
    }

    /** ovsdbapp {@code db_set('Interface', name, ...)}: map values merge into the existing map. */
    void setInterface(String name, Map<String, Object> values) {
        PortState p = portState(name);
        if (p.ifaceInsert == null && p.ifaceRow == null) {
            throw new RowNotFound("Interface", "name", name);
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!COLUMNS.get("Interface").contains(e.getKey())) {
                // compared with the replica below: a column it does not hold would always differ
                throw new IllegalArgumentException("Interface column '" + e.getKey()
                        + "' is not replicated (Txn.COLUMNS)");
            }
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                Map<Object, Object> merged = new LinkedHashMap<>();
                Object current = p.ifaceInsert != null ? p.ifaceInsert.get(e.getKey())
                        : p.ifaceUpdate.containsKey(e.getKey()) ? p.ifaceUpdate.get(e.getKey()) : p.ifaceRow.get(e.getKey());
                if (current instanceof Map<?, ?> cm) {
                    merged.putAll(cm);
                }
                merged.putAll(m);
                v = merged;
            }
            if (p.ifaceInsert != null) {
                p.ifaceInsert.put(e.getKey(), v);
            } else if (!v.equals(p.ifaceRow.get(e.getKey()))) {
                p.ifaceUpdate.put(e.getKey(), v);
            }
        }
    }

    private PortState portState(String name) {
        PortState p = ports.get(name);
        if (p != null) {
            return p;
        }
        Row row = db.byName("Port", name).orElseThrow(() -> new RowNotFound("Port", "name", name));
        Row iface = db.byName("Interface", name).orElse(null);
        p = new PortState(row.uuid(), row, null, iface == null ? null : iface.uuid(), iface, null);
        ports.put(name, p);
        return p;
    }

    /**
     * One VIF's port ({@code _create_vif_port} + {@code create_ovs_vif_port}): its bridges, the
     * port ({@code may_exist}), its tag, a QoS row for a new port, the interface's columns, and a
     * per-port bridge's patch pair.
     *
     * @param s the port
     * @return whether this transaction creates the port (false when it exists, which an undo
     *         must then leave alone)
     */
    boolean addVifPort(PortSpec s) {
        for (PortSpec.BridgeSpec b : s.bridges()) {
            addBridge(b.name(), b.datapathType());
        }
        String dev = s.dev();
        boolean created = !ports.containsKey(dev) && db.byName("Port", dev).isEmpty();
        addPort(s.bridge(), dev);
        if (s.isolate()) {
            setPort(dev, Map.of("tag", OvsPlugin.DEAD_VLAN));
        }
        if (s.qosType() != null && created) {
            deleteQos(dev, s.qosType());
            NamedUuid qos = named("qos");
            add(Op.insert("QoS", Map.of("type", s.qosType(), "external_ids", qosIds(dev, s.qosType())), qos.name()));
            setPort(dev, Map.of("qos", qos));
        }
        if (!s.interfaceColumns().isEmpty()) {
            setInterface(dev, s.interfaceColumns());
        }
        PortSpec.PatchPair pp = s.patch();
        if (pp != null) {
            // create_patch_port_pair: iface-id is the VIF's id here, not the profile's interface_id
            addPort(pp.intBridge(), pp.intPort());
            if (s.isolate()) {
                setPort(pp.intPort(), Map.of("tag", OvsPlugin.DEAD_VLAN));
            }
            setInterface(pp.intPort(), Map.of("external_ids", pp.externalIds(), "type", "patch",
                    "options", Map.of("peer", pp.portPort())));
            addPort(pp.portBridge(), pp.portPort());
            setInterface(pp.portPort(), Map.of("type", "patch", "options", Map.of("peer", pp.intPort())));
        }
        return created;
    }

    /**
     * {@code delete_ovs_vif_port}: the port, its QoS row, and on a trunk bridge
     * ({@code _delete_bridge_if_trunk}) that bridge.
     *
     * @param bridge the bridge
     * @param dev the port
     * @param qosType the QoS type a plug would have given it, or null
     * @param trunk a trunk bridge to delete too, or null
     */
    void removeVifPort(String bridge, String dev, String qosType, String trunk) {
        deletePort(dev, bridge);
        if (qosType != null) {
            deleteQos(dev, qosType);
        }
        if (trunk != null) {
            deleteBridge(trunk);
        }
    }

    private static Map<String, Object> qosIds(String dev, String qosType) {
        return Map.of("id", OvsPlugin.qosId(dev).toString(), "_type", qosType);
    }

    /** Deletes the QoS rows a plug of {@code dev} made (master's {@code delete_qos_if_exists}). */
    void deleteQos(String dev, String qosType) {
        Map<String, Object> ids = qosIds(dev, qosType);
        for (Row r : db.rows("QoS")) {
            if (r.map("external_ids").equals(ids)) {
                add(Op.delete("QoS", List.of(Condition.eq("_uuid", r.uuid()))));
            }
        }
    }

    /** ovsdbapp {@code del_port(port, bridge, if_exists=True)}. */
    void deletePort(String port, String bridge) {
        Optional<Row> p = db.byName("Port", port);
        if (p.isEmpty()) {
            return;
        }
        BridgeState b = bridge(bridge);
        if (b.row == null || !b.row.set("ports").contains(p.get().uuid())) {
            return;
        }
        b.delPorts.add(p.get().uuid());
        for (Object i : p.get().set("interfaces")) {
            deletes.add(Op.delete("Interface", List.of(is(i))));
        }
        deletes.add(Op.delete("Port", List.of(is(p.get().uuid()))));
    }

    /** ovsdbapp {@code del_br(name, if_exists=True)}: the bridge, its ports and interfaces. */
    void deleteBridge(String name) {
        Optional<Row> b = db.byName("Bridge", name);
        if (b.isEmpty()) {
            return;
        }
        delRootBridges.add(b.get().uuid());
        deletes.add(Op.delete("Bridge", List.of(is(b.get().uuid()))));
        for (Object pu : b.get().set("ports")) {
            db.row("Port", (Uuid) pu).ifPresent(p -> {
                for (Object i : p.set("interfaces")) {
                    deletes.add(Op.delete("Interface", List.of(is(i))));
                }
            });
            deletes.add(Op.delete("Port", List.of(is(pu))));
        }
        bridges.remove(name);
    }

    /** Adds a raw operation after the others. */
    void add(Op op) {
        tail.add(op);
    }

    /** @return the interfaces this transaction inserts (ovsdbapp's expected_ifaces) */
    Set<Object> newInterfaces() {
        return newInterfaces;
    }

    /**
     * @return the operations; the last two bump and read {@code next_cfg} (as ovs-vsctl and
     *         ovsdbapp do on every transaction that changes something), so the caller can wait
     *         for vswitchd; none at all when nothing would change (python-ovs's IDL then sends
     *         nothing and reports {@code UNCHANGED}, and ovsdbapp does not wait for vswitchd)
     */
    List<Op> ops() {
        List<Op> ops = new ArrayList<>();
        Row root = root();
        for (PortState p : ports.values()) {
            if (p.ifaceInsert != null) {
                ops.add(Op.insert("Interface", p.ifaceInsert, ((NamedUuid) p.ifaceRef).name()));
            } else if (!p.ifaceUpdate.isEmpty()) {
                ops.add(Op.update("Interface", List.of(is(p.ifaceRef)), p.ifaceUpdate));
            }
            if (p.insertRow != null) {
                ops.add(Op.insert("Port", p.insertRow, ((NamedUuid) p.ref).name()));
            } else if (!p.portUpdate.isEmpty()) {
                ops.add(Op.update("Port", List.of(is(p.ref)), p.portUpdate));
            }
        }
        for (BridgeState b : bridges.values()) {
            if (b.insertRow != null) {
                b.insertRow.put("ports", b.addPorts);
                ops.add(Op.insert("Bridge", b.insertRow, ((NamedUuid) b.ref).name()));
                continue;
            }
            if (!b.update.isEmpty()) {
                ops.add(Op.update("Bridge", List.of(is(b.ref)), b.update));
            }
            List<Mutation> ms = new ArrayList<>();
            if (!b.addPorts.isEmpty()) {
                ms.add(new Mutation("ports", "insert", b.addPorts));
            }
            if (!b.delPorts.isEmpty()) {
                ms.add(new Mutation("ports", "delete", b.delPorts));
            }
            if (!ms.isEmpty()) {
                ops.add(Op.mutate("Bridge", List.of(is(b.ref)), ms));
            }
        }
        List<Mutation> rootMs = new ArrayList<>();
        if (!addRootBridges.isEmpty()) {
            rootMs.add(new Mutation("bridges", "insert", addRootBridges));
        }
        if (!delRootBridges.isEmpty()) {
            rootMs.add(new Mutation("bridges", "delete", delRootBridges));
        }
        if (ops.isEmpty() && rootMs.isEmpty() && deletes.isEmpty() && tail.isEmpty()) {
            return List.of();
        }
        rootMs.add(new Mutation("next_cfg", "+=", 1L));
        ops.add(Op.mutate("Open_vSwitch", List.of(is(root.uuid())), rootMs));
        ops.addAll(deletes);
        ops.addAll(tail);
        ops.add(Op.select("Open_vSwitch", List.of(is(root.uuid())), List.of("next_cfg")));
        return ops;
    }

    /** ovsdbapp's {@code RowNotFound}. */
    static final class RowNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowNotFound(String table, String column, String value) {
            super("Cannot find " + table + " with " + column + "=" + value);
        }
    }
}

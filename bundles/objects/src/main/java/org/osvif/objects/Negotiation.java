package org.osvif.objects;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Version negotiation against a peer's {@link HostInfo}: which version of a VIF and of its port
 * profile the peer can read. os-vif's {@code get_common_version} only ever offers the one
 * version in its registry; we can write every older minor version too, so we offer the highest
 * version that is in the peer's range and not above the object's own.
 */
public final class Negotiation {

    private Negotiation() {
    }

    /**
     * The targets to write {@code vif} with for a peer that advertises {@code peer}.
     *
     * @param peer the peer's host info
     * @param vif the VIF to send
     * @return class name to version, for {@link Primitives#toJson(VersionedObject, Map)}
     * @throws NoMatchingPlugin if the peer lacks the VIF's plugin
     * @throws NoMatchingVIFClass if the plugin lacks the VIF's class
     * @throws NoSupportedVIFVersion if no version fits
     * @throws NoMatchingPortProfileClass if the VIF's port profile class is not listed
     * @throws NoSupportedPortProfileVersion if no profile version fits
     */
    public static Map<String, String> targetsFor(HostInfo peer, VIFBase vif) {
        HostVIFInfo info = peer.getPlugin(vif.plugin()).getVif(vif.type().name());
        Map<String, String> targets = new HashMap<>();
        targets.put(vif.type().name(),
                commonVersion(info.vifObjectName(), info.minVersion(), info.maxVersion(), vif.version(), false));
        VIFPortProfileBase profile = vif.portProfile();
        if (profile != null && info.isSet(HostVIFInfo.SUPPORTED_PORT_PROFILES)) {
            String name = profile.type().name();
            HostPortProfileInfo p = find(info.supportedPortProfiles(), name, HostPortProfileInfo::profileObjectName);
            if (p == null) {
                throw new NoMatchingPortProfileClass(name);
            }
            targets.put(name, commonVersion(name, p.minVersion(), p.maxVersion(), profile.version(), true));
        }
        return targets;
    }

    static String commonVersion(String name, String min, String max, String ceiling, boolean profile) {
        ObjectType<?> type = ObjectRegistry.type(name);
        if (type == null) {
            if (profile) {
                throw new NoMatchingPortProfileClass(name);
            }
            throw new NoMatchingVIFClass(name);
        }
        String top = ceiling == null ? type.version() : ceiling;
        List<String> ours = new ArrayList<>();
        int major = Versions.major(top);
        for (int m = 0; m <= Versions.minor(top); m++) {
            ours.add(major + "." + m);
        }
        if (Versions.isValid(min) && Versions.isValid(max)) {
            for (int i = ours.size() - 1; i >= 0; i--) {
                String v = ours.get(i);
                if (Versions.compare(min, v) <= 0 && Versions.compare(v, max) <= 0) {
                    return v;
                }
            }
        }
        String got = String.join(",", ours);
        if (profile) {
            throw new NoSupportedPortProfileVersion(name, got, min, max);
        }
        throw new NoSupportedVIFVersion(name, got, min, max);
    }

    static <E> E find(List<E> list, String name, Function<E, String> key) {
        if (list != null) {
            for (E e : list) {
                if (name.equals(key.apply(e))) {
                    return e;
                }
            }
        }
        return null;
    }

    /** A copy of {@code o} with {@code f} replaced and marked changed, as a Python assignment does. */
    @SuppressWarnings("unchecked")
    static <T extends VersionedObject> T with(T o, Field f, List<?> value) {
        int slot = o.type.slotOf(f);
        Object[] values = o.values.clone();
        values[slot] = Collections.unmodifiableList(new ArrayList<>(value));
        return (T) o.type.create(new ObjectState(o.type, o.version, values, o.setMask | 1L << slot,
                o.changedMask | 1L << slot));
    }
}

package org.osvif.plug.ovs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Linux side of plugging (os-vif's {@code vif_plug_ovs.linux_net} and {@code ip_lib}),
 * implemented over the netlink bundle by {@link NetlinkLinuxNet}. Failures are unchecked
 * ({@code NetlinkException}, naming the device and the errno), as the netlink bundle raises them.
 */
interface LinuxNet {

    /** @return whether the network device exists */
    boolean exists(String dev);

    /** Sets a device's MTU if the device exists ({@code set_device_mtu}). */
    void setMtu(String dev, long mtu);

    /** Sets a device up or down ({@code set_interface_state}); a missing device is an error, as in os-vif. */
    void setState(String dev, boolean up);

    /** Deletes a device if it exists ({@code delete_net_dev}). */
    void delete(String dev);

    /** A Linux bridge with ageing 0, IPv6 off, ARP filtering, up ({@code ensure_bridge}). */
    void ensureBridge(String bridge);

    /** A veth pair, up, with the MTU, replacing devices of those names ({@code create_veth_pair}; promiscuous mode as os-vif leaves it). */
    void createVethPair(String dev1, String dev2, long mtu);

    /** Enslaves a device to a bridge ({@code add_bridge_port}). */
    void addBridgePort(String bridge, String dev);

    /** Deletes a bridge if it exists and sets {@code dev} down if it exists ({@code delete_bridge}). */
    void deleteBridge(String bridge, String dev);

    /** A persistent tap with MAC and MTU, multiqueue if asked (master's {@code create_tap}). */
    void createTap(String dev, long mtu, String mac, boolean multiqueue);

    /**
     * {@link #exists} for many devices, asked ahead of time: a batch looks up every VIF's device
     * at once. An implementation may send the lookups together (the netlink one pipelines them);
     * a name it could not answer is asked on its own when tested, so its failure is that VIF's.
     *
     * @param devs the devices
     * @return whether a device exists
     */
    default Predicate<String> lookup(List<String> devs) {
        return this::exists;
    }

    /** A step a VIF takes after its commit, which {@link #run} sends together with other VIFs'. */
    sealed interface Step permits SetMtu, Delete {
        /** @return the device */
        String dev();
    }

    /** {@link #setMtu}. */
    record SetMtu(String dev, long mtu) implements Step {
    }

    /** {@link #delete}. */
    record Delete(String dev) implements Step {
    }

    /**
     * Runs each step as {@link #setMtu} or {@link #delete} would, in order; a failed step does not
     * stop the others. An implementation may send them together (the netlink one pipelines them).
     *
     * @param steps the steps
     * @return per step its failure, or null
     */
    default List<RuntimeException> run(List<Step> steps) {
        List<RuntimeException> out = new ArrayList<>(steps.size());
        for (Step s : steps) {
            try {
                if (s instanceof SetMtu m) {
                    setMtu(m.dev(), m.mtu());
                } else {
                    delete(s.dev());
                }
                out.add(null);
            } catch (RuntimeException e) {
                out.add(e);
            }
        }
        return out;
    }
}

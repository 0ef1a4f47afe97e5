package org.osvif.netlink;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Link requests queued to go to the kernel together, pipelined on the connection's one socket:
 * {@link #send()} writes many requests per {@code sendto}, each with its own sequence number and
 * {@code NLM_F_ACK}, then reads the acks and gives each request its own {@link Reply}. The kernel
 * runs them in the order queued; a refused request does not stop the ones after it (they may
 * depend on it: queue a dependent request only in a later {@code send}).
 *
 * <p>The number in flight is capped by the socket's receive buffer, so that the kernel has room
 * for every ack it writes; if one is lost all the same ({@code ENOBUFS}), the requests whose
 * acks are missing fail with {@code ENOBUFS}, the window shrinks, and the rest still go.
 *
 * <p>A batch belongs to one thread at a time. After {@code send} the batch is empty and may be
 * used again. Names are checked as {@link Netlink#checkName} does when queued (an invalid one
 * throws at once); everything else the kernel decides, request by request.
 */
@ProviderType
public interface NetlinkBatch {

    /**
     * What the kernel answered one request.
     *
     * @param <T> the value of a success
     */
    @ProviderType
    interface Reply<T> {

        /** @return whether the request was sent and answered */
        boolean done();

        /** @return whether it was answered with success */
        boolean ok();

        /**
         * @return the value of a success ({@code null} for a request that only changes)
         * @throws NetlinkException the refusal, naming the request and the device
         * @throws IllegalStateException before {@link NetlinkBatch#send()}
         */
        T value();

        /** @return the refusal, or null when done with success (or not sent yet) */
        NetlinkException error();
    }

    /**
     * {@code RTM_GETLINK} by name. The link's {@link Link#master()} name is not resolved here
     * (null); {@link Link#masterIndex()} is.
     *
     * @param name a device
     * @return the device, or empty when there is none ({@code ENODEV} is not a failure here)
     */
    Reply<Optional<Link>> link(String name);

    /**
     * A bridge as {@link Netlink#createBridge(String)} creates it.
     *
     * @param name the bridge's name
     * @return the reply; {@code EEXIST} when a device of that name exists
     */
    Reply<Void> createBridge(String name);

    /**
     * A bridge as {@link Netlink#createBridge(String, long)} creates it.
     *
     * @param name the bridge's name
     * @param ageingTime {@code IFLA_BR_AGEING_TIME}, in hundredths of a second
     * @return the reply
     */
    Reply<Void> createBridge(String name, long ageingTime);

    /**
     * A VLAN device on a parent known from an earlier {@link #link} reply (its index is sent, its
     * name is for errors).
     *
     * @param name the VLAN device's name
     * @param parent the parent device
     * @param vlanId 1..4094
     * @return the reply; {@code EOPNOTSUPP} when the kernel lacks the {@code vlan} kind
     */
    Reply<Void> createVlan(String name, Link parent, int vlanId);

    /**
     * Changes as {@link Netlink#update} makes them, in one request. A master must be given by
     * index ({@link LinkUpdate#masterIndex(int)}): a name cannot be resolved inside a batch.
     *
     * @param name the device
     * @param update what to change
     * @return the reply
     * @throws IllegalArgumentException when the update names its master by name
     */
    Reply<Void> update(String name, LinkUpdate update);

    /**
     * @param name a device
     * @return the reply; {@code ENODEV} when it does not exist
     */
    Reply<Void> deleteLink(String name);

    /** @return how many requests are queued */
    int size();

    /**
     * Sends every queued request and reads every answer. Requests fail one by one (see their
     * replies); this throws only when the socket itself fails.
     */
    void send();
}

package org.osvif.netlink.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osvif.netlink.Link;
import org.osvif.netlink.LinkUpdate;
import org.osvif.netlink.Netlink;
import org.osvif.netlink.NetlinkBatch;
import org.osvif.netlink.NetlinkException;
import org.osvif.netlink.NetlinkException.Errno;

/**
 * {@link NetlinkBatch} over {@link NlSocket#requestAll}: the requests are encoded when queued
 * (with the same builders as {@link RtNetlink}'s single calls, so a batch sends the bytes the
 * single path sends), and their replies filled in by {@link #send()}.
 */
final class Batch implements NetlinkBatch {

    private final RtNetlink netlink;
    private final List<Msg> msgs = new ArrayList<>();
    private final List<Pending<?>> pending = new ArrayList<>();

    Batch(RtNetlink netlink) {
        this.netlink = netlink;
    }

    /** One queued request and, once sent, its answer. */
    private static final class Pending<T> implements Reply<T> {
        final String op;
        final String device;
        boolean done;
        T value;
        NetlinkException error;
        Link reply;

        Pending(String op, String device) {
            this.op = op;
            this.device = device;
        }

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public boolean ok() {
            return done && error == null;
        }

        @Override
        public T value() {
            if (!done) {
                throw new IllegalStateException(op + " " + device + ": the batch is not sent yet");
            }
            if (error != null) {
                throw error;
            }
            return value;
        }

        @Override
        public NetlinkException error() {
            return error;
        }

        @Override
        public String toString() {
            return op + " " + device + (done ? error == null ? ": done" : ": " + error.getMessage() : ": queued");
        }
    }

    private <T> Reply<T> queue(Msg m, Pending<T> p) {
        msgs.add(m);
        pending.add(p);
        return p;
    }

    @Override
    public Reply<Optional<Link>> link(String name) {
        Netlink.checkName(name);
        Pending<Optional<Link>> p = new Pending<>("RTM_GETLINK", name);
        return queue(RtNetlink.getLinkMsg(name), p);
    }

    @Override
    public Reply<Void> createBridge(String name) {
        Netlink.checkName(name);
        return queue(RtNetlink.bridgeMsg(name, -1), new Pending<>("RTM_NEWLINK", RtNetlink.bridgeText(name, -1)));
    }

    @Override
    public Reply<Void> createBridge(String name, long ageingTime) {
        Netlink.checkName(name);
        RtNetlink.checkAgeing(name, ageingTime);
        return queue(RtNetlink.bridgeMsg(name, ageingTime),
                new Pending<>("RTM_NEWLINK", RtNetlink.bridgeText(name, ageingTime)));
    }

    @Override
    public Reply<Void> createVlan(String name, Link parent, int vlanId) {
        Netlink.checkName(name);
        RtNetlink.checkVlanId(name, vlanId);
        if (parent == null || parent.index() <= 0) {
            throw new NetlinkException("RTM_NEWLINK", name, Errno.EINVAL, "the VLAN's parent is not a device: " + parent);
        }
        return queue(RtNetlink.vlanMsg(name, parent.index(), vlanId), new Pending<>("RTM_NEWLINK vlan",
                name + " (kind vlan, id " + vlanId + ", on " + parent.name() + ")"));
    }

    @Override
    public Reply<Void> update(String name, LinkUpdate update) {
        Netlink.checkName(name);
        if (update.masterName() != null) {
            throw new IllegalArgumentException("update of " + name + " in a batch: give the master '"
                    + update.masterName() + "' by ifindex (LinkUpdate.masterIndex), a name is not resolved in a batch");
        }
        return queue(RtNetlink.updateMsg(name, update, 0),
                new Pending<>("RTM_NEWLINK", name + RtNetlink.describe(update)));
    }

    @Override
    public Reply<Void> deleteLink(String name) {
        Netlink.checkName(name);
        return queue(RtNetlink.deleteMsg(name), new Pending<>("RTM_DELLINK", name));
    }

    @Override
    public int size() {
        return msgs.size();
    }

    @Override
    public void send() {
        int n = msgs.size();
        if (n == 0) {
            return;
        }
        List<Msg> sending = new ArrayList<>(msgs);
        List<Pending<?>> answering = new ArrayList<>(pending);
        msgs.clear();
        pending.clear();
        NlSocket.ReplyHandler[] handlers = new NlSocket.ReplyHandler[n];
        for (int i = 0; i < n; i++) {
            Pending<?> p = answering.get(i);
            if (p.op.equals("RTM_GETLINK")) {
                handlers[i] = (b, s, e, t) -> p.reply = RtNetlink.parseLinkReply(b, s, e);
            }
        }
        int[] errno = new int[n];
        String[] extAck = new String[n];
        netlink.sendAll(sending, handlers, errno, extAck);
        for (int i = 0; i < n; i++) {
            answer(answering.get(i), errno[i], extAck[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static void answer(Pending<?> p, int errno, String extAck) {
        p.done = true;
        boolean get = p.op.equals("RTM_GETLINK");
        if (get && (errno == 0 || errno == Errno.ENODEV)) {
            ((Pending<Optional<Link>>) p).value = errno == 0 ? Optional.ofNullable(p.reply) : Optional.empty();
            return;
        }
        if (errno == 0) {
            return;
        }
        p.error = p.op.equals("RTM_NEWLINK vlan") ? RtNetlink.vlanRefused(p.device, errno, extAck)
                : new NetlinkException(p.op, p.device, errno, extAck);
    }
}

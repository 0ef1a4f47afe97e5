package org.osvif.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osvif.netlink.LinkUpdate;

/** Packing and ack matching on bytes: no socket, no root. */
class PipelineTest {

    private static final int PORT = 4242;

    private static ByteBuffer wrap(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    @Test
    void packsRequestsWithConsecutiveSequenceNumbersAndAcks() {
        List<Msg> msgs = List.of(RtNetlink.bridgeMsg("br-a", -1), RtNetlink.getLinkMsg("br-a"),
                RtNetlink.updateMsg("br-a", LinkUpdate.create().up().mtu(1450), 0));
        byte[] out = new byte[4096];
        int[] len = new int[1];
        assertThat(Pipeline.pack(msgs, 0, 2, 1000, out, len)).isEqualTo(2);
        ByteBuffer b = wrap(out);
        int first = b.getInt(0);
        assertThat(first % 4).isZero();
        assertThat(len[0]).isEqualTo(first + b.getInt(first));
        assertThat(b.getInt(8)).isEqualTo(1000);
        assertThat(b.getInt(first + 8)).isEqualTo(1001);
        // every request asks for its ack, the create is exclusive
        assertThat(b.getShort(6) & (NlSocket.F_ACK | NlSocket.F_CREATE | NlSocket.F_EXCL))
                .isEqualTo(NlSocket.F_ACK | NlSocket.F_CREATE | NlSocket.F_EXCL);
        assertThat(b.getShort(first + 6) & NlSocket.F_ACK).isEqualTo(NlSocket.F_ACK);
        assertThat(b.getShort(first + 4)).isEqualTo((short) 18);
        // the bridge's name and kind are in it
        String text = new String(out, 0, first, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("br-a\0", "bridge\0");

        assertThat(Pipeline.pack(msgs, 2, 2, 1002, out, len)).isEqualTo(1);
        assertThat(wrap(out).getInt(8)).isEqualTo(1002);
    }

    @Test
    void packStopsAtTheBufferButTakesAtLeastOne() {
        List<Msg> msgs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            msgs.add(RtNetlink.bridgeMsg("br" + i, -1));
        }
        int one = RtNetlink.bridgeMsg("br0", -1).finish(1);
        byte[] out = new byte[one * 3 + one / 2];
        int[] len = new int[1];
        assertThat(Pipeline.pack(msgs, 0, 100, 1, out, len)).isEqualTo(3);
        assertThat(len[0]).isEqualTo(3 * one);
        assertThatThrownBy(() -> Pipeline.pack(msgs, 0, 100, 1, new byte[one - 4], len))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    /** A datagram of messages as the kernel writes them. */
    private static final class Datagram {
        final ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());

        Datagram ack(int seq, int pid, int error, String extAck) {
            int start = b.position();
            b.putInt(0).putShort((short) NlSocket.NLMSG_ERROR).putShort((short) (extAck == null ? 0 : 0x200))
                    .putInt(seq).putInt(pid);
            b.putInt(-error);
            b.putInt(16).putShort((short) 16).putShort((short) 5).putInt(seq).putInt(pid); // the request's header
            if (extAck != null) {
                byte[] s = (extAck + "\0").getBytes(StandardCharsets.UTF_8);
                b.putShort((short) (4 + s.length)).putShort((short) 1).put(s);
                while (b.position() % 4 != 0) {
                    b.put((byte) 0);
                }
            }
            b.putInt(start, b.position() - start);
            return this;
        }

        Datagram reply(int seq, int type, int payload) {
            b.putInt(16 + payload).putShort((short) type).putShort((short) 0).putInt(seq).putInt(PORT);
            for (int i = 0; i < payload; i++) {
                b.put((byte) i);
            }
            return this;
        }
    }

    @Test
    void matchesEachAckToItsRequestBySequenceNumber() {
        int[] errno = new int[5];
        String[] ext = new String[5];
        NlSocket.ReplyHandler[] handlers = new NlSocket.ReplyHandler[5];
        List<String> replies = new ArrayList<>();
        handlers[3] = (b, s, e, t) -> replies.add("type " + t + " len " + (e - s));
        // requests 2..4 of the caller's arrays are the window, seq 500..502
        Pipeline p = new Pipeline(PORT, 500, 3, 2, errno, ext, handlers);
        Datagram d = new Datagram()
                .ack(499, PORT, 0, null)           // stale: an abandoned earlier request
                .ack(500, PORT + 1, 19, null)      // another socket's
                .ack(500, PORT, 0, null)
                .reply(501, 16, 20)
                .ack(502, PORT, 17, "Device exists")
                .ack(500, PORT, 22, null);         // a second ack for a request answered: ignored
        p.accept(d.b, d.b.position());
        assertThat(p.complete()).isFalse();
        assertThat(replies).containsExactly("type 16 len 20");
        assertThat(errno).containsExactly(0, 0, 0, 0, 17);
        assertThat(ext[4]).isEqualTo("Device exists");
        Datagram d2 = new Datagram().ack(501, PORT, 0, null);
        p.accept(d2.b, d2.b.position());
        assertThat(p.complete()).isTrue();
        assertThat(errno).containsExactly(0, 0, 0, 0, 17);
        assertThat(ext[3]).isNull();
    }

    @Test
    void sequenceNumbersThatWrapStillMatch() {
        int[] errno = new int[2];
        Pipeline p = new Pipeline(PORT, Integer.MAX_VALUE, 2, 0, errno, new String[2], new NlSocket.ReplyHandler[2]);
        Datagram d = new Datagram().ack(Integer.MAX_VALUE, PORT, 0, null).ack(Integer.MIN_VALUE, PORT, 95, null);
        p.accept(d.b, d.b.position());
        assertThat(p.complete()).isTrue();
        assertThat(errno).containsExactly(0, 95);
    }

    @Test
    void lostAcksFailTheirRequestsOnly() {
        int[] errno = new int[3];
        String[] ext = new String[3];
        Pipeline p = new Pipeline(PORT, 7, 3, 0, errno, ext, new NlSocket.ReplyHandler[3]);
        Datagram d = new Datagram().ack(8, PORT, 0, null);
        p.accept(d.b, d.b.position());
        p.loseRest(105, "lost");
        assertThat(p.complete()).isTrue();
        assertThat(errno).containsExactly(105, 0, 105);
        assertThat(ext).containsExactly("lost", null, "lost");
    }

    @Test
    void truncatedMessageEndsTheDatagram() {
        int[] errno = new int[1];
        Pipeline p = new Pipeline(PORT, 1, 1, 0, errno, new String[1], new NlSocket.ReplyHandler[1]);
        Datagram d = new Datagram().ack(1, PORT, 0, null);
        p.accept(d.b, d.b.position() - 4);
        assertThat(p.complete()).isFalse();
    }

    @Test
    void windowLeavesRoomForEveryReply() {
        assertThat(NlSocket.windowFor(2 * 1024 * 1024)).isEqualTo(256);
        assertThat(NlSocket.windowFor(425984)).isEqualTo(52);
        assertThat(NlSocket.windowFor(4608)).isEqualTo(1);
    }
}

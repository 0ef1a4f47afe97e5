package org.osvif.netlink.internal;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes one netlink request: header, family header, attributes (nested ones too), 4-aligned. */
final class Msg {

    static final int HEADER = 16;

    private final ByteBuffer b = ByteBuffer.allocate(2048).order(ByteOrder.nativeOrder());
    private final int[] nests = new int[8];
    private int depth;

    Msg(int type, int flags) {
        b.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
    }

    Msg u8(int v) {
        b.put((byte) v);
        return this;
    }

    Msg u16(int v) {
        b.putShort((short) v);
        return this;
    }

    Msg u32(int v) {
        b.putInt(v);
        return this;
    }

    Msg zeros(int n) {
        for (int i = 0; i < n; i++) {
            b.put((byte) 0);
        }
        return this;
    }

    /** ifinfomsg: family, type, index, flags, change. */
    Msg ifinfo(int index, int flags, int change) {
        return u8(0).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    Msg attr(int type, byte[] value) {
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        return align();
    }

    Msg attrString(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) (5 + s.length)).putShort((short) type).put(s).put((byte) 0);
        return align();
    }

    Msg attrU32(int type, int value) {
        b.putShort((short) 8).putShort((short) type).putInt(value);
        return this;
    }

    Msg attrU16(int type, int value) {
        b.putShort((short) 6).putShort((short) type).putShort((short) value);
        return align();
    }

    Msg attrU8(int type, int value) {
        b.putShort((short) 5).putShort((short) type).put((byte) value);
        return align();
    }

    Msg attrIp(int type, InetAddress a) {
        return attr(type, a.getAddress());
    }

    Msg begin(int type) {
        nests[depth++] = b.position();
        b.putShort((short) 0).putShort((short) type);
        return this;
    }

    Msg end() {
        int start = nests[--depth];
        b.putShort(start, (short) (b.position() - start));
        return this;
    }

    private Msg align() {
        while ((b.position() & 3) != 0) {
            b.put((byte) 0);
        }
        return this;
    }

    /** Completes the header with its length and sequence number; returns the length. */
    int finish(int seq) {
        b.putInt(0, b.position());
        b.putInt(8, seq);
        return b.position();
    }

    /** @return the message's bytes, valid up to {@link #finish}'s length */
    byte[] array() {
        return b.array();
    }

    int type() {
        return b.getShort(4);
    }
}

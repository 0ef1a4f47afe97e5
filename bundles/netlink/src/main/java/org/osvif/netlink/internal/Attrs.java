package org.osvif.netlink.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The attributes of one netlink message or nested attribute, by type. */
final class Attrs {

    private static final int MAX = 128;

    private final ByteBuffer b;
    private final int[] offset = new int[MAX];
    private final int[] length = new int[MAX];

    /** Parses the attributes in {@code b} from {@code start} to {@code end}. */
    Attrs(ByteBuffer b, int start, int end) {
        this.b = b;
        java.util.Arrays.fill(length, -1);
        int p = start;
        while (p + 4 <= end) {
            int len = Short.toUnsignedInt(b.getShort(p));
            int type = b.getShort(p + 2) & 0x3fff;
            if (len < 4 || p + len > end) {
                break;
            }
            if (type < MAX) {
                offset[type] = p + 4;
                length[type] = len - 4;
            }
            p += (len + 3) & ~3;
        }
    }

    boolean has(int type) {
        return length[type] >= 0;
    }

    Attrs nested(int type) {
        return has(type) ? new Attrs(b, offset[type], offset[type] + length[type]) : null;
    }

    String string(int type) {
        if (!has(type)) {
            return null;
        }
        int n = length[type];
        while (n > 0 && b.get(offset[type] + n - 1) == 0) {
            n--;
        }
        byte[] s = new byte[n];
        b.get(offset[type], s);
        return new String(s, StandardCharsets.UTF_8);
    }

    long u32(int type, long otherwise) {
        if (!has(type)) {
            return otherwise;
        }
        return length[type] >= 4 ? Integer.toUnsignedLong(b.getInt(offset[type]))
                : length[type] >= 2 ? Short.toUnsignedInt(b.getShort(offset[type]))
                : Byte.toUnsignedInt(b.get(offset[type]));
    }

    byte[] bytes(int type) {
        if (!has(type)) {
            return null;
        }
        byte[] v = new byte[length[type]];
        b.get(offset[type], v);
        return v;
    }

    InetAddress ip(int type) {
        byte[] v = bytes(type);
        if (v == null || (v.length != 4 && v.length != 16)) {
            return null;
        }
        try {
            return InetAddress.getByAddress(v);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

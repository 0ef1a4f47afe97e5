package org.osvif.objects.internal;

/** Python's {@code int(str)} for the small numbers netaddr reads (prefix lengths, octets). */
final class PyInt {

    static final long INVALID = Long.MIN_VALUE;

    private PyInt() {
    }

    /** The value, or {@link #INVALID} where Python's int() raises ValueError. */
    static long parse(String s) {
        String t = s.strip();
        int i = 0;
        boolean negative = false;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            negative = t.charAt(0) == '-';
            i = 1;
        }
        if (i >= t.length()) {
            return INVALID;
        }
        long v = 0;
        boolean lastUnderscore = true;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '_' && !lastUnderscore) {
                lastUnderscore = true;
                continue;
            }
            if (c < '0' || c > '9') {
                return INVALID;
            }
            lastUnderscore = false;
            if (v > 1_000_000_000L) {
                return Long.MAX_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        if (lastUnderscore) {
            return INVALID;
        }
        return negative ? -v : v;
    }
}

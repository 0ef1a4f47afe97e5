package org.osvif.objects.internal;

/**
 * Reads and prints IP addresses and networks exactly as os-vif's fields do.
 *
 * <p>os-vif stores {@code netaddr.IPAddress(value)} and writes {@code str()} of it, so the wire
 * form of an address is netaddr 0.8's canonical text: IPv4 parsed like glibc {@code inet_aton}
 * (octal, hex, 1 to 4 parts, trailing white space) and IPv6 like {@code inet_pton}, printed like
 * glibc {@code inet_ntop}. Networks follow {@code netaddr.IPNetwork}: strict {@code inet_pton}
 * for the address with the partial-IPv4 fallback, a prefix length or a net/host mask, host bits
 * kept. No DNS, no {@code InetAddress}: this runs on the decoding hot path.
 *
 * <p>Each method returns the canonical text, or {@code null} when Python would refuse the value.
 */
public final class InetText {

    private InetText() {
    }

    /** The canonical text of an {@code IPAddressField} value, or null if netaddr refuses it. */
    public static String address(String s) {
        if (isCanonicalV4(s, 0, s.length())) {
            return s;
        }
        long v4 = inetAton(s);
        if (v4 >= 0) {
            return formatV4(v4);
        }
        int[] words = inetPton6(s, 0, s.length());
        if (words == null) {
            return null;
        }
        String canonical = formatV6(words);
        return canonical.equals(s) ? s : canonical;
    }

    /** The canonical text of an {@code IPNetworkField} value, or null if netaddr refuses it. */
    public static String network(String s) {
        int slash = s.indexOf('/');
        if (slash > 0 && isCanonicalV4(s, 0, slash) && isCanonicalPrefix(s, slash + 1, 32)) {
            return s;
        }
        String addr = slash < 0 ? s : s.substring(0, slash);
        String prefix = slash < 0 ? null : s.substring(slash + 1);
        String v4 = network4(addr, prefix);
        if (v4 != null) {
            return v4;
        }
        return network6(addr, prefix);
    }

    private static String network4(String addr, String prefix) {
        long ip = inetPton4(addr, 0, addr.length());
        if (ip < 0) {
            ip = expandPartial(addr);
            if (ip < 0) {
                return null;
            }
        }
        int len;
        if (prefix == null) {
            len = 32;
        } else {
            long n = PyInt.parse(prefix);
            if (n == PyInt.INVALID) {
                len = maskToPrefix4(inetPton4(prefix, 0, prefix.length()));
                if (len < 0) {
                    return null;
                }
            } else if (n < 0 || n > 32) {
                return null;
            } else {
                len = (int) n;
            }
        }
        return formatV4(ip) + "/" + len;
    }

    private static String network6(String addr, String prefix) {
        int[] words = inetPton6(addr, 0, addr.length());
        if (words == null) {
            return null;
        }
        int len;
        if (prefix == null) {
            len = 128;
        } else {
            long n = PyInt.parse(prefix);
            if (n == PyInt.INVALID) {
                int[] mask = inetPton6(prefix, 0, prefix.length());
                len = mask == null ? -1 : maskToPrefix6(mask);
                if (len < 0) {
                    return null;
                }
            } else if (n < 0 || n > 128) {
                return null;
            } else {
                len = (int) n;
            }
        }
        return formatV6(words) + "/" + len;
    }

    /** netaddr's {@code expand_partial_address}: '10' and '10.1' mean 10.0.0.0 and 10.1.0.0. */
    private static long expandPartial(String addr) {
        if (addr.indexOf(':') >= 0) {
            return -1;
        }
        long value = 0;
        int parts = 0;
        int start = 0;
        while (true) {
            int dot = addr.indexOf('.', start);
            String token = dot < 0 ? addr.substring(start) : addr.substring(start, dot);
            long octet = PyInt.parse(token);
            if (octet == PyInt.INVALID || octet < 0 || octet > 255 || ++parts > 4) {
                return -1;
            }
            value = (value << 8) | octet;
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return value << (8 * (4 - parts));
    }

    private static int maskToPrefix4(long mask) {
        if (mask < 0) {
            return -1;
        }
        for (int len = 0; len <= 32; len++) {
            long net = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
            if (mask == net) {
                return len;
            }
        }
        // A host mask (0.255.255.255) names the prefix by its zero bits.
        for (int len = 0; len <= 32; len++) {
            long host = len == 32 ? 0 : (0xFFFFFFFFL >>> len);
            if (mask == host) {
                return len;
            }
        }
        return -1;
    }

    private static int maskToPrefix6(int[] mask) {
        int len = 0;
        boolean zeros = false;
        for (int w : mask) {
            for (int bit = 15; bit >= 0; bit--) {
                boolean one = (w >> bit & 1) != 0;
                if (one && zeros) {
                    return hostMaskToPrefix6(mask);
                }
                if (one) {
                    len++;
                } else {
                    zeros = true;
                }
            }
        }
        return len;
    }

    private static int hostMaskToPrefix6(int[] mask) {
        int len = 0;
        boolean ones = false;
        for (int w : mask) {
            for (int bit = 15; bit >= 0; bit--) {
                boolean one = (w >> bit & 1) != 0;
                if (!one && ones) {
                    return -1;
                }
                if (one) {
                    ones = true;
                } else {
                    len++;
                }
            }
        }
        return len;
    }

    /** glibc {@code inet_aton}; -1 if refused. */
    static long inetAton(String s) {
        int n = s.length();
        int i = 0;
        long[] parts = new long[4];
        int count = 0;
        long val;
        while (true) {
            if (i >= n || !isDigit(s.charAt(i))) {
                return -1;
            }
            long[] parsed = strtoul(s, i);
            if (parsed == null) {
                return -1;
            }
            val = parsed[0];
            i = (int) parsed[1];
            if (i < n && s.charAt(i) == '.') {
                if (count > 2 || val > 0xFF) {
                    return -1;
                }
                parts[count++] = val;
                i++;
            } else {
                break;
            }
        }
        if (i < n) {
            char c = s.charAt(i);
            // inet_aton stops at the first ASCII space and ignores the rest of the string.
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u000b' && c != '\f' && c != '\r') {
                return -1;
            }
            if (s.indexOf('\0') >= 0) {
                return -1;
            }
        }
        long[] max = {0xFFFFFFFFL, 0xFFFFFFL, 0xFFFFL, 0xFFL};
        if (val > max[count]) {
            return -1;
        }
        long result = val;
        for (int p = 0; p < count; p++) {
            result |= parts[p] << (24 - 8 * p);
        }
        return result;
    }

    /** {@code strtoul(s, &end, 0)} limited to 32 bits: {value, end} or null on overflow. */
    private static long[] strtoul(String s, int i) {
        int n = s.length();
        int base = 10;
        if (s.charAt(i) == '0') {
            if (i + 2 < n + 1 && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0 && s.charAt(i + 2) < 128) {
                base = 16;
                i += 2;
            } else {
                base = 8;
            }
        }
        long v = 0;
        int start = i;
        while (i < n) {
            char c = s.charAt(i);
            int d = c < 128 ? Character.digit(c, base) : -1;
            if (d < 0) {
                break;
            }
            v = v * base + d;
            if (v > 0xFFFFFFFFL) {
                return null;
            }
            i++;
        }
        if (i == start && base != 8) {
            return null;
        }
        return new long[] {v, i};
    }

    /** glibc {@code inet_pton(AF_INET)}: four decimal octets, no leading zeros; -1 if refused. */
    static long inetPton4(String s, int from, int to) {
        long result = 0;
        int octets = 0;
        int cur = 0;
        boolean sawDigit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (sawDigit && cur == 0) {
                    return -1;
                }
                cur = cur * 10 + (c - '0');
                if (cur > 255) {
                    return -1;
                }
                if (!sawDigit) {
                    if (++octets > 4) {
                        return -1;
                    }
                    sawDigit = true;
                }
            } else if (c == '.' && sawDigit) {
                if (octets == 4) {
                    return -1;
                }
                result = (result << 8) | cur;
                cur = 0;
                sawDigit = false;
            } else {
                return -1;
            }
        }
        if (octets < 4 || !sawDigit) {
            return -1;
        }
        return (result << 8) | cur;
    }

    /** glibc {@code inet_pton(AF_INET6)}: eight 16-bit words, or null if refused. */
    static int[] inetPton6(String s, int from, int to) {
        int[] words = new int[8];
        int w = 0;
        int colonp = -1;
        int i = from;
        if (i < to && s.charAt(i) == ':') {
            if (i + 1 >= to || s.charAt(i + 1) != ':') {
                return null;
            }
            i++;
        }
        int curtok = i;
        boolean sawXdigit = false;
        int val = 0;
        int digits = 0;
        while (i < to) {
            char c = s.charAt(i++);
            int d = c < 128 ? Character.digit(c, 16) : -1;
            if (d >= 0) {
                if (++digits > 4) {
                    return null;
                }
                val = (val << 4) | d;
                sawXdigit = true;
                continue;
            }
            if (c == ':') {
                curtok = i;
                if (!sawXdigit) {
                    if (colonp >= 0) {
                        return null;
                    }
                    colonp = w;
                    continue;
                } else if (i >= to) {
                    return null;
                }
                if (w >= 8) {
                    return null;
                }
                words[w++] = val;
                sawXdigit = false;
                digits = 0;
                val = 0;
                continue;
            }
            if (c == '.' && w <= 6) {
                long v4 = inetPton4(s, curtok, to);
                if (v4 < 0) {
                    return null;
                }
                words[w++] = (int) (v4 >>> 16);
                words[w++] = (int) (v4 & 0xFFFF);
                sawXdigit = false;
                break;
            }
            return null;
        }
        if (sawXdigit) {
            if (w >= 8) {
                return null;
            }
            words[w++] = val;
        }
        if (colonp >= 0) {
            if (w == 8) {
                return null;
            }
            int moved = w - colonp;
            for (int k = 1; k <= moved; k++) {
                words[8 - k] = words[colonp + moved - k];
                words[colonp + moved - k] = 0;
            }
            w = 8;
        }
        return w == 8 ? words : null;
    }

    static String formatV4(long v) {
        return (v >>> 24 & 0xFF) + "." + (v >>> 16 & 0xFF) + "." + (v >>> 8 & 0xFF) + "." + (v & 0xFF);
    }

    /** glibc {@code inet_ntop(AF_INET6)}: longest run (two or more) of zero words as '::'. */
    static String formatV6(int[] words) {
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            // IPv4-compatible and IPv4-mapped addresses end in dotted quad, as glibc prints them.
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xFFFF))) {
                sb.append(words[6] >>> 8).append('.').append(words[6] & 0xFF).append('.')
                        .append(words[7] >>> 8).append('.').append(words[7] & 0xFF);
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /** Already what netaddr prints: four decimal octets without leading zeros. */
    private static boolean isCanonicalV4(String s, int from, int to) {
        int octets = 0;
        int i = from;
        while (octets < 4) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 3 && isDigit(s.charAt(i))) {
                v = v * 10 + (s.charAt(i++) - '0');
            }
            int digits = i - start;
            if (digits == 0 || v > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            octets++;
            if (octets < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == to;
    }

    private static boolean isCanonicalPrefix(String s, int from, int max) {
        int n = s.length() - from;
        if (n < 1 || n > 3 || (n > 1 && s.charAt(from) == '0')) {
            return false;
        }
        int v = 0;
        for (int i = from; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v <= max;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

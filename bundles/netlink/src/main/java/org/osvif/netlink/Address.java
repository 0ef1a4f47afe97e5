package org.osvif.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address on a device ({@code RTM_NEWADDR}).
 *
 * @param local the address ({@code IFA_LOCAL}; for IPv6 {@code IFA_ADDRESS})
 * @param prefixLength the prefix length
 * @param peer the peer address of a point-to-point address, else null
 * @param broadcast the IPv4 broadcast address, or null
 * @param scope the scope: 0 global, 253 link, 254 host
 * @param flags the {@code IFA_F_*} flags ({@link #SECONDARY}, {@link #PERMANENT}, ...)
 * @param label the IPv4 label, or null
 */
public record Address(InetAddress local, int prefixLength, InetAddress peer, InetAddress broadcast, int scope,
        int flags, String label) {

    /** {@code IFA_F_SECONDARY}. */
    public static final int SECONDARY = 0x01;
    /** {@code IFA_F_PERMANENT}: set unless the address has a lifetime (dynamic). */
    public static final int PERMANENT = 0x80;
    /** {@code IFA_F_NOPREFIXROUTE}. */
    public static final int NOPREFIXROUTE = 0x200;

    /**
     * @param cidr e.g. {@code 192.0.2.5/24} or {@code 2001:db8::5/64}
     * @return a global-scope address without broadcast, peer or flags
     */
    public static Address of(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an address with a prefix length: " + cidr);
        }
        return new Address(ip(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)), null, null,
                0, 0, null);
    }

    /** @return this address with the given broadcast address */
    public Address withBroadcast(String address) {
        return new Address(local, prefixLength, peer, ip(address), scope, flags, label);
    }

    /** @return {@code local/prefixLength} as {@code ip} prints it */
    public String cidr() {
        return text(local) + "/" + prefixLength;
    }

    /**
     * @param a an address
     * @return it as {@code ip} prints it: dotted quad, or RFC 5952 compressed IPv6
     */
    public static String text(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return a.getHostAddress();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** @return whether it is an IPv4 address */
    public boolean isIpv4() {
        return local.getAddress().length == 4;
    }

    static InetAddress ip(String literal) {
        if (literal.isEmpty() || !(Character.digit(literal.charAt(0), 16) >= 0 || literal.charAt(0) == ':')) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}

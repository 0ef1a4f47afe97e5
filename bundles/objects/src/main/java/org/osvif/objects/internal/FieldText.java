package org.osvif.objects.internal;

import java.util.regex.Pattern;

/** The string-shaped os-vif field types, coerced as oslo.versionedobjects coerces them. */
public final class FieldText {

    // oslo's patterns use Python's '$', which also matches before one final '\n'; UNIX_LINES
    // makes Java's '$' do the same. PCI's unescaped '.' matches any character, as in oslo.
    private static final Pattern MAC = Pattern.compile("^[0-9a-f][0-9a-f](:[0-9a-f][0-9a-f]){5}$", Pattern.UNIX_LINES);
    private static final Pattern PCI = Pattern.compile("^[0-9a-f]{4}:[0-9a-f]{2}:[0-1][0-9a-f].[0-7]$", Pattern.UNIX_LINES);

    private FieldText() {
    }

    /** oslo {@code MACAddress.coerce}: lower case, '-' read as ':'; null if malformed. */
    public static String mac(String value) {
        if (value.length() == 17 && isCanonicalMac(value)) {
            return value;
        }
        String lowered = value.toLowerCase(java.util.Locale.ROOT).replace('-', ':');
        return MAC.matcher(lowered).find() ? lowered : null;
    }

    private static boolean isCanonicalMac(String v) {
        for (int i = 0; i < 17; i++) {
            char c = v.charAt(i);
            if (i % 3 == 2) {
                if (c != ':') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** oslo {@code PCIAddress.coerce}: lower case and the PCI pattern; null if malformed. */
    public static String pci(String value) {
        String lowered = value.toLowerCase(java.util.Locale.ROOT);
        return PCI.matcher(lowered).find() ? lowered : null;
    }

    /**
     * Whether a UUID field value is a UUID. Python only warns and keeps any string; we refuse
     * what {@code uuidutils.is_uuid_like} refuses (32 hex digits, hyphens where a UUID has them,
     * any case) and keep the text as given, as Python does.
     */
    public static boolean isUuid(String v) {
        int n = v.length();
        if (n == 36) {
            for (int i = 0; i < 36; i++) {
                char c = v.charAt(i);
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    if (c != '-') {
                        return false;
                    }
                } else if (!isHex(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n == 32) {
            for (int i = 0; i < 32; i++) {
                if (!isHex(v.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

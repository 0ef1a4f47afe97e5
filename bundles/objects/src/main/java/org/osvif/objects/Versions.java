package org.osvif.objects;

/** Object versions as oslo compares them: dotted integers compared as tuples. */
final class Versions {

    private Versions() {
    }

    /** Whether {@code v} is {@code MAJOR.MINOR} in plain digits, the only form os-vif writes. */
    static boolean isValid(String v) {
        int dot = v.indexOf('.');
        if (dot <= 0 || dot == v.length() - 1 || v.indexOf('.', dot + 1) >= 0 || v.length() > 12) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (i != dot && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    static int major(String v) {
        return Integer.parseInt(v.substring(0, v.indexOf('.')));
    }

    static int minor(String v) {
        return Integer.parseInt(v.substring(v.indexOf('.') + 1));
    }

    /** Tuple comparison of two valid versions. */
    static int compare(String a, String b) {
        int c = Integer.compare(major(a), major(b));
        return c != 0 ? c : Integer.compare(minor(a), minor(b));
    }
}

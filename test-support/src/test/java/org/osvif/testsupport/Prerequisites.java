package org.osvif.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs of the machine (root, a tool). Missing, it skips the test on a developer's
 * machine and fails it under {@code CI=true}: CI has everything, so a skip there would hide a
 * test that did not run.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** @return whether this runs under CI ({@code CI=true}), where nothing may skip */
    public static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    /** @return whether the tests run as root */
    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Skips (under CI fails) unless root. @param why what root is needed for, for the message */
    public static void requireRoot(String why) {
        require(root(), "root (" + why + ")");
    }

    /**
     * Skips (under CI fails) unless {@code present}.
     *
     * @param what what is needed, for the message, e.g. "openvswitch-switch"
     */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (ci()) {
            fail("CI=true: this test needs " + what + "; CI provides it (.ci/run), so its absence is an error");
        }
        Assumptions.abort("needs " + what + ": skipped (under CI=true it would fail)");
    }
}

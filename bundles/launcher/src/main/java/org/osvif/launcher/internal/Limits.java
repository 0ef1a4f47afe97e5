package org.osvif.launcher.internal;

import java.util.Map;

import org.osvif.launcher.ContainerException;

/**
 * The caps and deadlines of the container, from {@code etc/org.osvif.runtime.cfg}.
 *
 * @param deadlineMillis how long one bundle's install, start and first activation may take
 *        ({@code deploy_deadline_ms}, default 10000)
 * @param maxJar the largest jar read from deploy/ ({@code max_jar_mib}, default 64)
 * @param maxManifest the largest manifest once inflated ({@code max_manifest_kib}, default 512)
 * @param maxConfig the largest file of etc/ ({@code max_config_kib}, default 1024)
 */
public record Limits(long deadlineMillis, long maxJar, int maxManifest, long maxConfig) {

    /** The defaults. */
    public static final Limits DEFAULT = new Limits(10_000, 64L << 20, 512 << 10, 1 << 20);

    /** The keys of {@code org.osvif.runtime} that set these. */
    public static final java.util.Set<String> KEYS = java.util.Set.of("deploy_deadline_ms", "max_jar_mib",
            "max_manifest_kib", "max_config_kib");

    /**
     * @param runtime the properties of {@code org.osvif.runtime}
     * @return the limits they set, the defaults elsewhere
     * @throws ContainerException naming the key of a value that is not a positive whole number
     */
    public static Limits of(Map<String, Object> runtime) {
        return new Limits(number(runtime, "deploy_deadline_ms", DEFAULT.deadlineMillis, 1),
                number(runtime, "max_jar_mib", DEFAULT.maxJar >> 20, 1) << 20,
                (int) number(runtime, "max_manifest_kib", DEFAULT.maxManifest >> 10, 1) << 10,
                number(runtime, "max_config_kib", DEFAULT.maxConfig >> 10, 1) << 10);
    }

    private static long number(Map<String, Object> props, String key, long dflt, long min) {
        Object v = props.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.toString().trim());
            if (n >= min && n <= 1 << 20) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ContainerException("org.osvif.runtime: " + key + " = " + v + ": expected a whole number from "
                + min + " to " + (1 << 20));
    }
}

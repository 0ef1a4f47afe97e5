package org.osvif;

/**
 * Counters of one plugin, for operators and the shell: a snapshot, not live.
 *
 * @param plugs successful plugs
 * @param unplugs successful unplugs
 * @param failures plugs and unplugs that raised
 * @param meanMicros mean time of a call into the plugin, in microseconds
 * @param maxMicros the longest call, in microseconds
 */
public record PluginStats(long plugs, long unplugs, long failures, double meanMicros, double maxMicros) {
}

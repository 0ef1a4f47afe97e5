package org.osvif.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Bounded waits on what a process writes: files, log lines, command output. No sleeping. */
final class Await {

    private Await() {
    }

    /**
     * Calls {@code probe} until its result satisfies {@code wanted}, for at most {@code seconds}.
     *
     * @return the satisfying result
     */
    static <T> T until(String what, long seconds, Callable<T> probe, Predicate<T> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.call();
            if (wanted.test(last)) {
                return last;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(what + " did not happen within " + seconds + " s; last: " + last);
    }

    /** @return the file's text once it contains {@code text} */
    static String fileContains(Path file, String text, long seconds) throws Exception {
        return until(file + " containing '" + text + "'", seconds,
                () -> Files.exists(file) ? Files.readString(file) : "", s -> s.contains(text));
    }
}

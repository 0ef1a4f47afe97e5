package org.osvif.plug.linuxbridge.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a plug did so far, undone newest first when a later step fails. */
final class Undo {

    interface Step {
        void run() throws Exception;
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    void add(Step s) {
        steps.push(s);
    }

    /** Undoes every step; a step that fails is attached to {@code cause} and the rest still run. */
    void undo(Throwable cause) {
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    }
}

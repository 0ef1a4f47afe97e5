package org.osvif.cli.internal;

import org.osvif.launcher.ContainerException;
import org.osvif.objects.ObjectException;
import org.osvif.objects.OsVifException;

/**
 * The one shape of an error line, for every command: {@code error: line N: <field path>: <what>}
 * when the input is read line by line, {@code error: <what>} otherwise. Kept in one place so a
 * script can parse any command's failure the same way.
 */
final class Errors {

    private Errors() {
    }

    /** @return {@code line N: <what>}, the message of a failure on input line {@code number} */
    static String atLine(int number, String what) {
        return "line " + number + ": " + what;
    }

    /**
     * @return what an os-vif exception says: its path and problem for bad objects, else prefixed
     *         with os-vif's exception name ({@code NoMatchingPlugin: ...}), which callers match on
     */
    static String of(OsVifException e) {
        if (e instanceof ObjectException || e instanceof ContainerException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** @return an unexpected failure's message, never a Java class name unless there is nothing else */
    static String unexpected(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** @return the line printed on stderr */
    static String line(String what) {
        return "error: " + what;
    }
}

package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** One {@code osvif} sub-command. */
interface Command {

    /** @return the words that select it, e.g. {@code objects convert} */
    String name();

    /** @return one line for the command list */
    String summary();

    /** @return the full help text, starting with the usage line */
    String help();

    /**
     * Runs the command. Output goes to {@code out} only on success.
     *
     * @return the exit code
     * @throws Exception mapped by {@link Main} to an {@code error:} line and exit code
     */
    int run(List<String> args, InputStream in, PrintStream out) throws Exception;
}

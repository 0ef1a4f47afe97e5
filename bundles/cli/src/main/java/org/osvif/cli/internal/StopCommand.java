package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code osvif stop}: in the container, answers with its pid and then stops (once the client has
 * the answer); the command line then waits for that process to end ({@link Main}).
 */
final class StopCommand implements Command {

    @Override
    public String name() {
        return "stop";
    }

    @Override
    public String summary() {
        return "stop the container running on OSVIF_HOME and wait until it has exited";
    }

    @Override
    public String help() {
        return "usage: osvif stop\n\n"
                + "Asks the container running on OSVIF_HOME (over run/osvif.sock) to stop, as SIGTERM does: the\n"
                + "plugins and the framework stop, the socket is removed, the process exits 0. Waits for the\n"
                + "process to end (at most 60 s), then prints {\"stopped\": PID, \"home\": ...}.\n\n"
                + "Exit 0 when it stopped, or when no container runs on this home ({\"running\": false, ...});\n"
                + "1 when it did not answer within OSVIF_TIMEOUT or did not end within 60 s.\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) {
        if (!args.isEmpty()) {
            throw new UsageException("stop takes no arguments");
        }
        if (Embedded.running == null) {
            out.println("{\"running\": false, \"home\": \"" + Embedded.home().toAbsolutePath() + "\"}");
            return 0;
        }
        out.println("{\"stopping\": " + ProcessHandle.current().pid() + "}");
        ControlSocket.afterReply(RunCommand::requestStop);
        return 0;
    }
}

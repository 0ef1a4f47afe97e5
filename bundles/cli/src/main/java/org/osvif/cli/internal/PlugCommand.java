package org.osvif.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.osvif.launcher.PlugRequests;

/**
 * {@code osvif plug} and {@code osvif unplug}: one result line per input line. A failed plug
 * does not stop the others: each VIF is independent, and the caller learns about every one.
 */
final class PlugCommand implements Command {

    private final boolean plug;

    PlugCommand(boolean plug) {
        this.plug = plug;
    }

    @Override
    public String name() {
        return plug ? "plug" : "unplug";
    }

    @Override
    public String summary() {
        return (plug ? "plug" : "unplug") + " VIFs: JSONL {\"vif\": ..., \"instance_info\": ...} from FILE or stdin";
    }

    @Override
    public String help() {
        String verb = name();
        return "usage: osvif " + verb + " [FILE|-]\n\n"
                + "Reads one JSON object per line, {\"vif\": <VIF primitive>, \"instance_info\": <InstanceInfo primitive>},\n"
                + "from FILE (or stdin for '-' or no FILE) and " + verb + "s each VIF through the plugin its\n"
                + "'plugin' field names. Prints one line per input line:\n"
                + "  {\"vif_id\": \"...\", \"ok\": true, \"ms\": 0.41}  or  {\"vif_id\": \"...\", \"ok\": false, \"error\": \"...\"}\n"
                + "Exit 0 if all succeeded, 1 if any failed, 2 if any line was not valid input.\n";
    }

    @Override
    public int run(List<String> args, InputStream stdin, PrintStream out) throws IOException {
        if (args.size() > 1) {
            throw new UsageException(name() + ": takes at most one FILE, got " + args);
        }
        InputStream in = stdin;
        if (!args.isEmpty() && !args.get(0).equals("-")) {
            try {
                in = Files.newInputStream(Path.of(args.get(0)));
            } catch (NoSuchFileException e) {
                throw new UsageException(name() + ": no such file " + args.get(0));
            }
        }
        try (Embedded c = Embedded.start(); InputStream input = in) {
            return PlugRequests.run(c.osVif, plug, input, out, System.err);
        }
    }
}

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
        return "usage: osvif " + verb + " [--batch N] [FILE|-]\n\n"
                + "Reads one JSON object per line, {\"vif\": <VIF primitive>, \"instance_info\": <InstanceInfo primitive>},\n"
                + "from FILE (or stdin for '-' or no FILE) and " + verb + "s each VIF through the plugin its\n"
                + "'plugin' field names. Up to N lines (--batch, default " + PlugRequests.DEFAULT_BATCH
                + ") are in flight at once: a plugin\nwith a batch path (ovs: one OVSDB transaction and one wait for "
                + "ovs-vswitchd) applies them together;\n--batch 1 " + verb + "s one VIF at a time. "
                + "Prints one line per input line, in input order:\n"
                + "  {\"vif_id\": \"...\", \"ok\": true, \"ms\": 0.41, \"phases\": {...}}  or  "
                + "{\"vif_id\": \"...\", \"ok\": false, \"error\": \"...\"}\n"
                + "ms is how long the VIF's batch took; phases (ovs) where its time went, in ms: queue (waiting for\n"
                + "the transaction before), build, commit (OVSDB), wait (ovs-vswitchd), linux (devices, MTU).\n"
                + "Exit 0 if all succeeded, 1 if any failed, 2 if any line was not valid input.\n";
    }

    @Override
    public int run(List<String> args, InputStream stdin, PrintStream out) throws IOException {
        int batch = PlugRequests.DEFAULT_BATCH;
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--batch")) {
                String v = ObjectsConvert.value(args, ++i, a);
                try {
                    batch = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    batch = -1;
                }
                if (batch < 1 || batch > 100_000) {
                    throw new UsageException(name() + ": --batch must be a count in 1..100000, got '" + v + "'");
                }
            } else if (a.startsWith("--")) {
                throw new UsageException(name() + ": unknown option '" + a + "' (see --help)");
            } else {
                files.add(a);
            }
        }
        if (files.size() > 1) {
            throw new UsageException(name() + ": takes at most one FILE, got " + files);
        }
        InputStream in = stdin;
        if (!files.isEmpty() && !files.get(0).equals("-")) {
            try {
                in = Files.newInputStream(Path.of(files.get(0)));
            } catch (NoSuchFileException e) {
                throw new UsageException(name() + ": no such file " + files.get(0));
            }
        }
        try (Embedded c = Embedded.start(); InputStream input = in) {
            return PlugRequests.run(c.osVif, plug, input, out, System.err, batch);
        }
    }
}

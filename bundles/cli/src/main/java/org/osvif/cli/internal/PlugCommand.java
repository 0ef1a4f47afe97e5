package org.osvif.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import org.osvif.OsVif;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.ObjectException;
import org.osvif.objects.OsVifException;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VersionedObject;

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
        int exit = 0;
        try (Embedded c = Embedded.start(); InputStream input = in) {
            Lines lines = new Lines(input);
            byte[] line;
            while ((line = lines.next()) != null) {
                if (Lines.isBlank(line)) {
                    continue;
                }
                exit = Math.max(exit, one(c.osVif, line, lines.number(), out));
            }
        }
        return exit;
    }

    /** Runs one line; prints its result; returns its exit code. */
    private int one(OsVif osVif, byte[] line, int number, PrintStream out) throws IOException {
        VIFBase vif;
        InstanceInfo info;
        try {
            Request r = Request.parse(line);
            vif = r.vif;
            info = r.info;
        } catch (ObjectException e) {
            System.err.println("error: line " + number + ": " + e.getMessage());
            out.println(result(null, false, 0, e.getMessage()));
            return 2;
        }
        long start = System.nanoTime();
        try {
            if (plug) {
                osVif.plug(vif, info);
            } else {
                osVif.unplug(vif, info);
            }
            out.println(result(vif.id(), true, (System.nanoTime() - start) / 1e6, null));
            return 0;
        } catch (OsVifException e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            System.err.println("error: line " + number + ": " + message);
            out.println(result(vif.id(), false, 0, message));
            return 1;
        }
    }

    private static String result(String vifId, boolean ok, double ms, String error) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        try (JsonGenerator g = Primitives.jsonFactory().createGenerator(b)) {
            g.writeStartObject();
            g.writeStringField("vif_id", vifId);
            g.writeBooleanField("ok", ok);
            if (ok) {
                g.writeNumberField("ms", Math.round(ms * 1000) / 1000.0);
            } else {
                g.writeStringField("error", error);
            }
            g.writeEndObject();
        }
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One input line: a VIF and its instance. */
    static final class Request {
        VIFBase vif;
        InstanceInfo info;

        static Request parse(byte[] line) throws IOException {
            Request r = new Request();
            try (JsonParser p = Primitives.jsonFactory().createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new ObjectException("", "expected {\"vif\": ..., \"instance_info\": ...}");
                }
                String key;
                while ((key = p.nextFieldName()) != null) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw new ObjectException(key, "expected an os-vif primitive");
                    }
                    VersionedObject o = read(p, key);
                    if (key.equals("vif") && o instanceof VIFBase) {
                        r.vif = (VIFBase) o;
                    } else if (key.equals("instance_info") && o instanceof InstanceInfo) {
                        r.info = (InstanceInfo) o;
                    } else if (key.equals("vif") || key.equals("instance_info")) {
                        throw new ObjectException(key, "a " + o.type().name() + " is not "
                                + (key.equals("vif") ? "a VIF" : "an InstanceInfo"));
                    } else {
                        throw new ObjectException(key, "unknown key (expected vif and instance_info)");
                    }
                }
            } catch (JsonProcessingException e) {
                throw new ObjectException("", "malformed JSON: " + e.getOriginalMessage());
            }
            if (r.vif == null || r.info == null) {
                throw new ObjectException(r.vif == null ? "vif" : "instance_info", "missing");
            }
            return r;
        }

        private static VersionedObject read(JsonParser p, String key) throws IOException {
            try {
                return Primitives.read(p);
            } catch (ObjectException e) {
                throw new ObjectException(key + (e.path().isEmpty() ? "" : "." + e.path()),
                        e.getMessage().substring(e.path().isEmpty() ? 0 : e.path().length() + 2));
            }
        }
    }
}

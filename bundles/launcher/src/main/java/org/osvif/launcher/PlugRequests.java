package org.osvif.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import org.osvif.OsVif;
import org.osvif.PlugRequest;
import org.osvif.VifResult;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.ObjectException;
import org.osvif.objects.OsVifException;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VersionedObject;

/**
 * Plug or unplug requests as JSON lines, {@code {"vif": <VIF primitive>, "instance_info":
 * <InstanceInfo primitive>}}, each answered by one line {@code {"vif_id", "ok", "ms"|"error"}}:
 * what {@code osvif plug}/{@code unplug} and the shell's {@code osvif:plug}/{@code unplug} do. A
 * failed line does not stop the others: each VIF is independent and the caller learns about each.
 * Up to {@code batch} lines are handed to {@link OsVif#plugAll} at once (a plugin with a batch
 * path applies them together); results come out in input order.
 */
public final class PlugRequests {

    /** Lines in flight at once unless told otherwise. */
    public static final int DEFAULT_BATCH = 256;

    private final OsVif osVif;
    private final boolean plug;
    private final PrintStream err;

    private PlugRequests(OsVif osVif, boolean plug, PrintStream err) {
        this.osVif = osVif;
        this.plug = plug;
        this.err = err;
    }

    /**
     * @param osVif where to plug
     * @param plug plug, or unplug
     * @param in the request lines
     * @param out where the result lines go
     * @param err where one {@code error: line N: ...} line per failure goes
     * @return 0 if all succeeded, 1 if a plug failed, 2 if a line was not a valid request
     * @throws IOException if reading or writing fails, or a line is too long
     */
    public static int run(OsVif osVif, boolean plug, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        return run(osVif, plug, in, out, err, DEFAULT_BATCH);
    }

    /**
     * @param osVif where to plug
     * @param plug plug, or unplug
     * @param in the request lines
     * @param out where the result lines go
     * @param err where one {@code error: line N: ...} line per failure goes
     * @param batch the most lines handed to {@link OsVif#plugAll} at once (1: one at a time)
     * @return 0 if all succeeded, 1 if a plug failed, 2 if a line was not a valid request
     * @throws IOException if reading or writing fails, or a line is too long
     */
    public static int run(OsVif osVif, boolean plug, InputStream in, PrintStream out, PrintStream err, int batch)
            throws IOException {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        PlugRequests r = new PlugRequests(osVif, plug, err);
        LineReader lines = new LineReader(in);
        int exit = 0;
        List<Line> chunk = new ArrayList<>(Math.min(batch, 1024));
        byte[] line;
        while ((line = lines.next()) != null) {
            if (!LineReader.isBlank(line)) {
                chunk.add(r.parse(line, lines.number()));
                // Up to `batch` lines, but only those already at hand: a client that sends one
                // line and waits for its result is answered at once.
                if (chunk.size() == batch || !lines.ready()) {
                    exit = Math.max(exit, r.run(chunk, out));
                    chunk.clear();
                }
            }
        }
        if (!chunk.isEmpty()) {
            exit = Math.max(exit, r.run(chunk, out));
        }
        return exit;
    }

    /** One input line: its number and its request, or why it is none. */
    private record Line(int number, PlugRequest request, String invalid) {
    }

    private Line parse(byte[] line, int number) throws IOException {
        try {
            Request r = Request.parse(line);
            return new Line(number, new PlugRequest(r.vif, r.info), null);
        } catch (ObjectException e) {
            return new Line(number, null, e.getMessage());
        }
    }

    /** Runs the chunk's valid lines in one batch; prints every line's result in order. */
    private int run(List<Line> chunk, PrintStream out) throws IOException {
        List<PlugRequest> requests = new ArrayList<>(chunk.size());
        for (Line l : chunk) {
            if (l.request() != null) {
                requests.add(l.request());
            }
        }
        List<VifResult> results = requests.isEmpty() ? List.of()
                : plug ? osVif.plugAll(requests) : osVif.unplugAll(requests);
        int exit = 0;
        int k = 0;
        for (Line l : chunk) {
            if (l.request() == null) {
                err.println("error: line " + l.number() + ": " + l.invalid());
                out.println(result(null, false, 0, l.invalid(), Map.of()));
                exit = 2;
                continue;
            }
            VifResult v = results.get(k++);
            if (v.ok()) {
                out.println(result(v.vifId(), true, v.ms(), null, v.phases()));
            } else {
                OsVifException e = v.error();
                String message = e.getClass().getSimpleName() + ": " + e.getMessage();
                err.println("error: line " + l.number() + ": " + message);
                out.println(result(v.vifId(), false, 0, message, Map.of()));
                exit = Math.max(exit, 1);
            }
        }
        return exit;
    }

    private static String result(String vifId, boolean ok, double ms, String error, Map<String, Double> phases)
            throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        try (JsonGenerator g = Primitives.jsonFactory().createGenerator(b)) {
            g.writeStartObject();
            g.writeStringField("vif_id", vifId);
            g.writeBooleanField("ok", ok);
            if (ok) {
                g.writeNumberField("ms", Math.round(ms * 1000) / 1000.0);
                if (!phases.isEmpty()) {
                    // where the plugin says the time went (the ovs plugin: queue, build, commit, wait, linux)
                    g.writeObjectFieldStart("phases");
                    for (Map.Entry<String, Double> p : phases.entrySet()) {
                        g.writeNumberField(p.getKey(), p.getValue());
                    }
                    g.writeEndObject();
                }
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
                throw new ObjectException("", Primitives.describe(e));
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

package org.osvif.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

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
 * Plug or unplug requests as JSON lines, {@code {"vif": <VIF primitive>, "instance_info":
 * <InstanceInfo primitive>}}, each answered by one line {@code {"vif_id", "ok", "ms"|"error"}}:
 * what {@code osvif plug}/{@code unplug} and the shell's {@code osvif:plug}/{@code unplug} do. A
 * failed line does not stop the others: each VIF is independent and the caller learns about each.
 */
public final class PlugRequests {

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
        PlugRequests r = new PlugRequests(osVif, plug, err);
        LineReader lines = new LineReader(in);
        int exit = 0;
        byte[] line;
        while ((line = lines.next()) != null) {
            if (!LineReader.isBlank(line)) {
                exit = Math.max(exit, r.one(line, lines.number(), out));
            }
        }
        return exit;
    }

    /** Runs one line; prints its result; returns its exit code. */
    private int one(byte[] line, int number, PrintStream out) throws IOException {
        VIFBase vif;
        InstanceInfo info;
        try {
            Request r = Request.parse(line);
            vif = r.vif;
            info = r.info;
        } catch (ObjectException e) {
            err.println("error: line " + number + ": " + e.getMessage());
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
            err.println("error: line " + number + ": " + message);
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

package org.osvif.cli.internal;

import org.osvif.launcher.LineReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osvif.objects.HostInfo;
import org.osvif.objects.Negotiation;
import org.osvif.objects.ObjectException;
import org.osvif.objects.ObjectRegistry;
import org.osvif.objects.ObjectType;
import org.osvif.objects.OsVifException;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VersionedObject;

/**
 * {@code osvif objects convert}: reads primitives, validates them, writes them back, optionally
 * backlevelled by {@code --target} or negotiated against a peer's {@code --host-info}. Output is
 * held until every line has converted, so a failure leaves stdout empty.
 */
final class ObjectsConvert implements Command {

    @Override
    public String name() {
        return "objects convert";
    }

    @Override
    public String summary() {
        return "validate os-vif primitives (JSONL on stdin) and write them back, optionally backlevelled";
    }

    @Override
    public String help() {
        return "usage: osvif objects convert [--target NAME=VERSION]... [--host-info FILE]\n\n"
                + "Reads one os-vif versioned-object primitive (JSON) per line on stdin, validates it and writes it\n"
                + "back, one line each, in order, at the version it was read at.\n\n"
                + "  --target NAME=VERSION  write every object of class NAME as Python's\n"
                + "                         obj_to_primitive(target_version=VERSION) does (repeatable)\n"
                + "  --host-info FILE       write each VIF and its port profile at the highest version the\n"
                + "                         HostInfo primitive in FILE supports for the VIF's plugin\n\n"
                + "Exit 2 with one line 'error: line N: <field path>: <what>' if any line is invalid or cannot\n"
                + "be converted (unknown class, target above the object's version, a backlevel os-vif refuses,\n"
                + "NoMatchingPlugin, NoMatchingVIFClass, NoSupportedVIFVersion, ...); nothing is written to\n"
                + "stdout then.\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws IOException {
        Map<String, String> targets = new HashMap<>();
        HostInfo peer = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--target") || a.startsWith("--target=")) {
                String v = a.equals("--target") ? value(args, ++i, a) : a.substring("--target=".length());
                addTarget(targets, v);
            } else if (a.equals("--host-info") || a.startsWith("--host-info=")) {
                String v = a.equals("--host-info") ? value(args, ++i, a) : a.substring("--host-info=".length());
                peer = readHostInfo(Path.of(v));
            } else {
                throw new UsageException("objects convert: unknown argument '" + a + "' (see --help)");
            }
        }
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        LineReader lines = new LineReader(in);
        byte[] line;
        while ((line = lines.next()) != null) {
            if (LineReader.isBlank(line)) {
                continue;
            }
            try {
                VersionedObject o = Primitives.fromJson(line);
                Map<String, String> t = targets;
                if (peer != null && o instanceof VIFBase) {
                    t = new HashMap<>(targets);
                    t.putAll(Negotiation.targetsFor(peer, (VIFBase) o));
                }
                result.write(Primitives.toJsonBytes(o, t));
                result.write('\n');
            } catch (OsVifException e) {
                throw new UsageException(Errors.atLine(lines.number(), Errors.of(e)));
            }
        }
        result.writeTo(out);
        out.flush();
        return 0;
    }

    private static void addTarget(Map<String, String> targets, String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--target: expected NAME=VERSION, got '" + spec + "'");
        }
        String name = spec.substring(0, eq);
        String version = spec.substring(eq + 1);
        ObjectType<?> type = ObjectRegistry.type(name);
        if (type == null) {
            throw new UsageException("--target: unknown object class '" + name + "'");
        }
        if (!version.matches("\\d{1,4}\\.\\d{1,4}")) {
            throw new UsageException("--target " + name + ": '" + version + "' is not a version like 1.3");
        }
        targets.put(name, version);
    }

    private static HostInfo readHostInfo(Path file) throws IOException {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--host-info: no such file " + file);
        }
        try {
            return Primitives.fromJson(json, HostInfo.class);
        } catch (ObjectException e) {
            throw new UsageException("--host-info " + file + ": " + e.getMessage());
        }
    }

    static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}

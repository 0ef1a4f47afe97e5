package org.osvif.cli.internal;

import org.osvif.launcher.LineReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osvif.binding.Bindings;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.ObjectException;
import org.osvif.objects.Primitives;

/**
 * {@code osvif objects from-binding}: Nova network-model VIFs to the os-vif primitives Nova's
 * {@code nova_to_osvif_vif} makes of them. Output is held until every line converted.
 */
final class ObjectsFromBinding implements Command {

    /**
     * Nova 26.2.2 runs with Debian's os-vif 3.0.0, whose OVS profiles are 1.3; the conversion never
     * sets the fields 1.4 adds, so writing 1.3 loses nothing and is what Nova sends.
     */
    static final Map<String, String> OS_VIF_3_0_0 = Map.of("VIFPortProfileOpenVSwitch", "1.3",
            "VIFPortProfileFPOpenVSwitch", "1.3", "VIFPortProfileOVSRepresentor", "1.3");

    @Override
    public String name() {
        return "objects from-binding";
    }

    @Override
    public String summary() {
        return "convert Nova network-model VIFs (Neutron port bindings) to os-vif VIF primitives";
    }

    @Override
    public String help() {
        return "usage: osvif objects from-binding [--instance-info FILE] [FILE|-]\n\n"
                + "Reads one Nova network-model VIF per line (the JSON Nova keeps in an instance's network_info:\n"
                + "id, address, type, details, devname, ovs_interfaceid, vnic_type, profile, active,\n"
                + "preserve_on_delete, network with subnets and meta, ...) from FILE or stdin, and writes the\n"
                + "os-vif VIF primitive that Nova 26's os_vif_util.nova_to_osvif_vif makes of it, one line each\n"
                + "(OVS port profiles at 1.3, as Nova with os-vif 3.0.0 writes them).\n\n"
                + "  --instance-info FILE   write plug requests instead, {\"vif\": <VIF>, \"instance_info\": <FILE's>},\n"
                + "                         ready for 'osvif plug -'; FILE holds one InstanceInfo primitive\n\n"
                + "Exit 2 with one line 'error: line N: <field>: <what>' for a VIF type Nova does not convert\n"
                + "(binding_failed, unbound, the libvirt-only types, unknown types; naming the port id) or invalid\n"
                + "input; nothing is written to stdout then.\n";
    }

    @Override
    public int run(List<String> args, InputStream stdin, PrintStream out) throws IOException {
        InstanceInfo instance = null;
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--instance-info") || a.startsWith("--instance-info=")) {
                String v = a.equals("--instance-info") ? ObjectsConvert.value(args, ++i, a)
                        : a.substring("--instance-info=".length());
                instance = readInstance(Path.of(v));
            } else if (a.startsWith("--") || file != null) {
                throw new UsageException("objects from-binding: unexpected argument '" + a + "' (see --help)");
            } else {
                file = a;
            }
        }
        InputStream in = stdin;
        if (file != null && !file.equals("-")) {
            try {
                in = Files.newInputStream(Path.of(file));
            } catch (NoSuchFileException e) {
                throw new UsageException("objects from-binding: no such file " + file);
            }
        }
        byte[] instanceJson = instance == null ? null : Primitives.toJsonBytes(instance, Map.of());
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try (InputStream input = in) {
            LineReader lines = new LineReader(input);
            byte[] line;
            while ((line = lines.next()) != null) {
                if (LineReader.isBlank(line)) {
                    continue;
                }
                byte[] vif;
                try {
                    vif = Primitives.toJsonBytes(Bindings.toVif(line), OS_VIF_3_0_0);
                } catch (ObjectException e) {
                    throw new UsageException(Errors.atLine(lines.number(), e.getMessage()));
                }
                if (instanceJson == null) {
                    result.write(vif);
                } else {
                    // The request line of 'osvif plug': both primitives are ours, written as they are.
                    result.write(VIF_KEY);
                    result.write(vif);
                    result.write(INSTANCE_KEY);
                    result.write(instanceJson);
                    result.write('}');
                }
                result.write('\n');
            }
        }
        result.writeTo(out);
        out.flush();
        return 0;
    }

    private static final byte[] VIF_KEY = "{\"vif\": ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INSTANCE_KEY = ", \"instance_info\": ".getBytes(StandardCharsets.UTF_8);

    private static InstanceInfo readInstance(Path file) throws IOException {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--instance-info: no such file " + file);
        }
        try {
            return Primitives.fromJson(json, InstanceInfo.class);
        } catch (ObjectException e) {
            throw new UsageException("--instance-info " + file + ": " + e.getMessage());
        }
    }
}

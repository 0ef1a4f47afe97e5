package org.osvif.cli.internal;

import org.osvif.launcher.LineReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osvif.binding.Bindings;
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
        return "usage: osvif objects from-binding [FILE|-]\n\n"
                + "Reads one Nova network-model VIF per line (the JSON Nova keeps in an instance's network_info:\n"
                + "id, address, type, details, devname, ovs_interfaceid, vnic_type, profile, active,\n"
                + "preserve_on_delete, network with subnets and meta, ...) from FILE or stdin, and writes the\n"
                + "os-vif VIF primitive that Nova 26's os_vif_util.nova_to_osvif_vif makes of it, one line each\n"
                + "(OVS port profiles at 1.3, as Nova with os-vif 3.0.0 writes them).\n\n"
                + "Exit 2 with one 'error:' line naming the field and the line for a VIF type Nova does not\n"
                + "convert (binding_failed, unbound, the libvirt-only types, unknown types; naming the port id)\n"
                + "or invalid input; nothing is written to stdout then.\n";
    }

    @Override
    public int run(List<String> args, InputStream stdin, PrintStream out) throws IOException {
        if (args.size() > 1 || (args.size() == 1 && args.get(0).startsWith("--"))) {
            throw new UsageException("objects from-binding: takes at most one FILE, got " + args);
        }
        InputStream in = stdin;
        if (!args.isEmpty() && !args.get(0).equals("-")) {
            try {
                in = Files.newInputStream(Path.of(args.get(0)));
            } catch (NoSuchFileException e) {
                throw new UsageException("objects from-binding: no such file " + args.get(0));
            }
        }
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try (InputStream input = in) {
            LineReader lines = new LineReader(input);
            byte[] line;
            while ((line = lines.next()) != null) {
                if (LineReader.isBlank(line)) {
                    continue;
                }
                try {
                    result.write(Primitives.toJsonBytes(Bindings.toVif(line), OS_VIF_3_0_0));
                    result.write('\n');
                } catch (ObjectException e) {
                    throw new UsageException(e.getMessage() + " (line " + lines.number() + ")");
                }
            }
        }
        result.writeTo(out);
        out.flush();
        return 0;
    }
}

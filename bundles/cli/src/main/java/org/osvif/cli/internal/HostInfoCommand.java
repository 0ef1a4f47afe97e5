package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.osvif.objects.HostInfo;
import org.osvif.objects.Primitives;

/** {@code osvif hostinfo}: the HostInfo primitive of every plugin present. */
final class HostInfoCommand implements Command {

    @Override
    public String name() {
        return "hostinfo";
    }

    @Override
    public String summary() {
        return "print the os-vif HostInfo of this host's plugins (one JSON line)";
    }

    @Override
    public String help() {
        return "usage: osvif hostinfo [--vif-types NAME[,NAME...]] [--pretty]\n\n"
                + "Prints the os-vif HostInfo primitive (JSON, one line) describing every plugin, sorted by plugin\n"
                + "name: its name, each VIF class it supports with min/max version, each port profile with\n"
                + "min/max version.\n\n"
                + "  --pretty           the same JSON indented, for a person\n"
                + "  --vif-types NAMES  keep only these VIF classes, dropping plugins left with none\n"
                + "                     (os-vif's host_info(permitted_vif_type_names))\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) {
        List<String> permitted = null;
        boolean pretty = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--vif-types")) {
                permitted = Arrays.asList(ObjectsConvert.value(args, ++i, a).split(","));
            } else if (a.startsWith("--vif-types=")) {
                permitted = Arrays.asList(a.substring("--vif-types=".length()).split(","));
            } else if (a.equals("--pretty")) {
                pretty = true;
            } else {
                throw new UsageException("hostinfo: unknown argument '" + a + "' (see --help)");
            }
        }
        HostInfo info;
        try (Embedded c = Embedded.start()) {
            info = permitted == null ? c.osVif.hostInfo() : c.osVif.hostInfo(permitted);
        }
        // The dispatcher lists plugins by name already (one stable order for scripts to diff).
        String json = Primitives.toJson(info);
        out.println(pretty ? PrettyJson.of(json) : json);
        return 0;
    }
}

package org.osvif.plug.linuxbridge.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBase;
import org.osvif.testsupport.Python;

/** Python os-vif's linux_bridge plugin in a namespace: {@code src/test/oracle/py_lb_plug.py}. */
final class PythonOracle {

    static final Path SCRIPT = Path.of("src/test/oracle/py_lb_plug.py").toAbsolutePath();
    /** os-vif prefixes its chains with the running program's name. */
    static final String BINARY_NAME = "py_lb_plug.py";

    private PythonOracle() {
    }

    static String describe() throws IOException, InterruptedException {
        return Python.run(SCRIPT, List.of(), "describe").get(0);
    }

    /** @return one result line per VIF: {"ok": true} or {"ok": false, "error": ...} */
    static List<String> plug(String namespace, String configJson, List<? extends VIFBase> vifs)
            throws IOException, InterruptedException {
        List<String> in = new ArrayList<>();
        for (VIFBase v : vifs) {
            in.add("{\"vif\": " + Primitives.toJson(v) + ", \"instance_info\": " + Primitives.toJson(Vifs.INSTANCE) + "}");
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(Python.command(SCRIPT, "plug", configJson));
        return Python.run(cmd, in);
    }
}

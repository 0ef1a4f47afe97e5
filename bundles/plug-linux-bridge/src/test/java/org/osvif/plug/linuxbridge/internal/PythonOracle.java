package org.osvif.plug.linuxbridge.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBase;

/** Python os-vif's linux_bridge plugin in a namespace: {@code src/test/oracle/py_lb_plug.py}. */
final class PythonOracle {

    static final Path SCRIPT = Path.of("src/test/oracle/py_lb_plug.py").toAbsolutePath();
    /** os-vif prefixes its chains with the running program's name. */
    static final String BINARY_NAME = "py_lb_plug.py";

    private PythonOracle() {
    }

    static String describe() throws IOException, InterruptedException {
        return run(List.of("/usr/bin/python3", SCRIPT.toString(), "describe"), "").get(0);
    }

    /** @return one result line per VIF: {"ok": true} or {"ok": false, "error": ...} */
    static List<String> plug(String namespace, String configJson, List<? extends VIFBase> vifs)
            throws IOException, InterruptedException {
        StringBuilder in = new StringBuilder();
        for (VIFBase v : vifs) {
            in.append("{\"vif\": ").append(Primitives.toJson(v)).append(", \"instance_info\": ")
                    .append(Primitives.toJson(Vifs.INSTANCE)).append("}\n");
        }
        return run(List.of("ip", "netns", "exec", namespace, "/usr/bin/python3", SCRIPT.toString(), "plug", configJson),
                in.toString());
    }

    private static List<String> run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var w = p.getOutputStream()) {
            w.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd + " failed (exit " + p.exitValue() + ")");
        }
        List<String> lines = new ArrayList<>();
        out.lines().filter(l -> !l.isBlank()).forEach(lines::add);
        return lines;
    }
}

package org.osvif.plug.ovs.internal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Python os-vif 3.0.0's ovs plugin in a process inside a namespace, one spec line in, one answer line out. */
final class PythonOvs implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private final Process p;
    private final BufferedWriter in;
    private final BufferedReader out;

    PythonOvs(String netns, String db, Map<String, Object> config) throws Exception {
        this(netns, db, config, null);
    }

    /**
     * @param sys a fake sysfs tree bind-mounted on {@code /sys} for the oracle alone (its own
     *        mount namespace), or {@code null}
     */
    PythonOvs(String netns, String db, Map<String, Object> config, Path sys) throws Exception {
        Path script = Path.of(PythonOvs.class.getResource("/py_ovs_plug.py").toURI());
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        if (sys != null) {
            cmd.addAll(List.of("unshare", "-m", "sh", "-c", "mount --bind \"$0\" /sys && exec \"$@\"", sys.toString()));
        }
        cmd.addAll(List.of("/usr/bin/python3", script.toString(), db, JSON.writeValueAsString(config)));
        p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        in = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    String send(Map<String, Object> spec) throws IOException {
        in.write(JSON.writeValueAsString(spec));
        in.write('\n');
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the Python oracle ended");
        }
        return line;
    }

    @Override
    public void close() throws Exception {
        in.close();
        p.waitFor();
    }
}

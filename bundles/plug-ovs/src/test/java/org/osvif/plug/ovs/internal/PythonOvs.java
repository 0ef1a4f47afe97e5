package org.osvif.plug.ovs.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.osvif.testsupport.Python;

/** Python os-vif 3.0.0's ovs plugin in a process inside a namespace, one spec line in, one answer line out. */
final class PythonOvs implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private final Python.Session session;

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
        cmd.addAll(Python.command(script, db, JSON.writeValueAsString(config)));
        session = Python.start(cmd);
    }

    /** @return the oracle's answer; an IOException when it ends or gives none in time */
    String send(Map<String, Object> spec) throws IOException, InterruptedException {
        return session.send(JSON.writeValueAsString(spec));
    }

    @Override
    public void close() throws Exception {
        session.close();
    }
}

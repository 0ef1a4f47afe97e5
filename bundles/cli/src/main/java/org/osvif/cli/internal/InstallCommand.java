package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.osvif.launcher.DeployStatus;

/**
 * {@code osvif install SOURCE}: a plugin bundle into the running container's deploy/, from a
 * Maven repository ({@code mvn:}), a URL or a file. The container writes it there atomically and
 * answers once its deployer has started it (or refused it, and removed it again).
 */
final class InstallCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "install";
    }

    @Override
    public String summary() {
        return "install a plugin bundle into the running container (mvn:GROUP/ARTIFACT/VERSION, URL or file)";
    }

    @Override
    public String help() {
        return "usage: osvif install mvn:GROUP/ARTIFACT/VERSION[/TYPE[/CLASSIFIER]] | URL | FILE\n\n"
                + "Installs a plugin bundle into the container that osvif run runs under OSVIF_HOME: the jar is\n"
                + "written into deploy/ (a temporary name, then a rename), so deploy/ stays the record of what is\n"
                + "installed, and the command waits until the bundle is started. A jar the deployer refuses\n"
                + "(not a bundle, unsigned under require_signed, failing to start) is removed again: exit 1.\n\n"
                + "mvn: comes from the repositories listed in etc/org.osvif.runtime.cfg (repositories = URL, ...;\n"
                + "file:, https: or http:, tried in order; default ~/.m2/repository). VERSION may be LATEST or\n"
                + "RELEASE (from maven-metadata.xml). The repository's .sha256 (else .sha1) is checked when it is\n"
                + "there; a mismatch is refused and nothing is written. At most 64 MiB.\n\n"
                + "Prints one JSON line {\"deploy\", \"bundle\", \"version\", \"state\", \"error\"}. Exit 3 when no\n"
                + "container runs. See docs/fleet.md.\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new UsageException("install takes one source: mvn:GROUP/ARTIFACT/VERSION, a URL or a file (see --help)");
        }
        if (Embedded.running == null) {
            throw new NoContainer("install");
        }
        DeployStatus d = Embedded.running.install(source(args.get(0)));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("deploy", d.file());
        line.put("bundle", d.symbolicName());
        line.put("version", d.version());
        line.put("state", d.state());
        line.put("error", d.error());
        out.println(JSON.writeValueAsString(line));
        return 0;
    }

    /** A URI with a scheme as it is, anything else a file path. */
    static URI source(String s) {
        if (isUri(s)) {
            try {
                return URI.create(s);
            } catch (IllegalArgumentException e) {
                throw new UsageException("install: '" + s + "' is not a URL: " + e.getMessage());
            }
        }
        return Path.of(s).toAbsolutePath().toUri();
    }

    static boolean isUri(String s) {
        return s.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*");
    }
}

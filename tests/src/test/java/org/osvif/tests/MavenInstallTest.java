package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code osvif install mvn:...} and {@code osvif:install mvn:...} against a Maven repository
 * layout the test makes on disk (checksums right, absent and wrong; LATEST through
 * maven-metadata.xml) and the same served over HTTP on loopback by the test. The artifact is the
 * example vendor plugin.
 */
class MavenInstallTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    @TempDir
    Path repo;

    /** Lays out com.example:ARTIFACT:VERSION with the given jar and checksum files (".sha256" → hex). */
    Path artifact(String artifact, String version, Path jar, String... sums) throws Exception {
        Path dir = Files.createDirectories(repo.resolve("com/example/" + artifact + "/" + version));
        Path file = dir.resolve(artifact + "-" + version + ".jar");
        Files.copy(jar, file);
        for (int i = 0; i < sums.length; i += 2) {
            Files.writeString(dir.resolve(file.getFileName() + sums[i]), sums[i + 1] + "  " + file.getFileName() + "\n");
        }
        return file;
    }

    static String digest(String algorithm, Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    }

    void repositories(String value) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Path state = home.resolve("vendor-state");
        Files.writeString(home.resolve("etc/com.example.osvif.vendor.cfg"), "state_dir = " + state + "\n");
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"), "repositories = " + value + "\n");
    }

    /** The repository's URL as the container names it (a file: URL with one slash). */
    String base() {
        return "file:" + repo + "/";
    }

    List<String> deployed() throws Exception {
        try (Stream<Path> s = Files.list(home.resolve("deploy"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Deletes the vendor jar from deploy/ and waits until its plugin is gone. */
    void uninstallByHand(String file) throws Exception {
        Files.delete(home.resolve("deploy").resolve(file));
        Await.until("vendor_example gone", 30, () -> Osvif.viaSocket(home, "", "plugins").out,
                o -> !o.contains("\"plugin\":\"vendor_example\""));
    }

    @Test
    void installsFromAFileRepositoryCheckingChecksums() throws Exception {
        Path v10 = RunningContainerTest.vendor("1.0");
        Path v11 = RunningContainerTest.vendor("1.1");
        artifact("vendor-plugin", "1.0.0", v10, ".sha256", digest("SHA-256", v10));
        artifact("vendor-plugin", "1.1.0", v11, ".sha1", digest("SHA-1", v11));
        Files.writeString(repo.resolve("com/example/vendor-plugin/maven-metadata.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata><groupId>com.example</groupId>"
                        + "<artifactId>vendor-plugin</artifactId><versioning><latest>1.1.0</latest><release>1.1.0</release>"
                        + "<versions><version>1.0.0</version><version>1.1.0</version></versions></versioning></metadata>\n");
        artifact("vendor-nosum", "1.0.0", v10);
        artifact("vendor-bad", "1.0.0", v10, ".sha256", digest("SHA-256", v11));
        repositories(repo.toUri() + "nowhere/, " + repo.toUri());
        try (RunningOsvif c = RunningOsvif.start(home)) {
            // a wrong checksum: refused, naming the URL, and nothing written
            Osvif bad = c.osvif("", "install", "mvn:com.example/vendor-bad/1.0.0");
            assertThat(bad.exit).as(bad.toString()).isEqualTo(1);
            assertThat(bad.err).startsWith("error: " + base() + "com/example/vendor-bad/1.0.0/vendor-bad-1.0.0.jar:"
                    + " checksum mismatch: ").contains("refused, nothing written").hasLineCount(1);
            assertThat(bad.out).isEmpty();
            assertThat(deployed()).isEmpty();

            // an artifact in no repository: every URL tried is named
            Osvif missing = c.osvif("", "install", "mvn:com.example/vendor-plugin/9.9.9");
            assertThat(missing.exit).isEqualTo(1);
            assertThat(missing.err).contains("mvn:com.example/vendor-plugin/9.9.9 is in none of the repositories")
                    .contains(base() + "nowhere/com/example/vendor-plugin/9.9.9/vendor-plugin-9.9.9.jar")
                    .contains(base() + "com/example/vendor-plugin/9.9.9/vendor-plugin-9.9.9.jar");
            Osvif malformed = c.osvif("", "install", "mvn:com.example/vendor-plugin");
            assertThat(malformed.err).isEqualTo("error: mvn:com.example/vendor-plugin: expected"
                    + " mvn:GROUP/ARTIFACT/VERSION[/TYPE[/CLASSIFIER]]\n");

            // no checksum in the repository: installed all the same
            Osvif nosum = c.osvif("", "install", "mvn:com.example/vendor-nosum/1.0.0");
            assertThat(nosum.exit).as(nosum.toString()).isZero();
            JsonNode line = JSON.readTree(nosum.out);
            assertThat(line.get("state").asText()).isEqualTo("ACTIVE");
            assertThat(line.get("bundle").asText()).isEqualTo("com.example.osvif.vendor");
            assertThat(deployed()).containsExactly("com.example.osvif.vendor-1.0.0.jar");
            assertThat(Files.readAllBytes(home.resolve("deploy/com.example.osvif.vendor-1.0.0.jar")))
                    .isEqualTo(Files.readAllBytes(v10));
            uninstallByHand("com.example.osvif.vendor-1.0.0.jar");

            // LATEST through maven-metadata.xml, its .sha1 checked
            Osvif latest = c.osvif("", "install", "mvn:com.example/vendor-plugin/LATEST");
            assertThat(latest.exit).as(latest.toString()).isZero();
            assertThat(JSON.readTree(latest.out).get("version").asText()).isEqualTo("1.1.0");
            assertThat(deployed()).containsExactly("com.example.osvif.vendor-1.1.0.jar");
            Await.fileContains(home.resolve("log/osvif.log"), "mvn:com.example/vendor-plugin/LATEST: fetched "
                    + base() + "com/example/vendor-plugin/1.1.0/vendor-plugin-1.1.0.jar", 10);
            uninstallByHand("com.example.osvif.vendor-1.1.0.jar");

            // a pinned version with its .sha256
            Osvif pinned = c.osvif("", "install", "mvn:com.example/vendor-plugin/1.0.0");
            assertThat(pinned.exit).as(pinned.toString()).isZero();
            assertThat(Osvif.viaSocket(home, "", "plugins").out).contains("\"plugin\":\"vendor_example\"")
                    .contains("\"version\":\"1.0.0\"");
            Await.fileContains(home.resolve("log/osvif.log"), "sha256 " + digest("SHA-256", v10) + " matches", 10);
        }
        // the container was stopped: install needs one
        Osvif none = Osvif.run(home, "", "install", "mvn:com.example/vendor-plugin/1.0.0");
        assertThat(none.exit).isEqualTo(3);
        assertThat(none.err).startsWith("error: install: no container runs under ");
    }

    @Test
    void installsFromAnHttpRepositoryOnLoopbackAndFromTheShell() throws Exception {
        Path v10 = RunningContainerTest.vendor("1.0");
        artifact("vendor-plugin", "1.0.0", v10, ".sha1", digest("SHA-1", v10));
        artifact("vendor-bad", "1.0.0", v10, ".sha1", "0000000000000000000000000000000000000000");
        Files.writeString(repo.resolve("com/example/vendor-plugin/maven-metadata.xml"),
                "<metadata><versioning><versions><version>0.9.0</version><version>1.0.0</version>"
                        + "<version>1.1.0-SNAPSHOT</version></versions></versioning></metadata>\n");
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/maven/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            Path f = repo.resolve(ex.getRequestURI().getPath().substring("/maven/".length())).normalize();
            try (ex) {
                if (!f.startsWith(repo) || !Files.isRegularFile(f)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] b = Files.readAllBytes(f);
                ex.sendResponseHeaders(200, b.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(b);
                }
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/maven";
        repositories(url);
        try (ConsoleContainer c = ConsoleContainer.start(home)) {
            Await.fileContains(home.resolve("log/osvif.log"), "container running", 60);

            Osvif bad = Osvif.run(home, "", "install", "mvn:com.example/vendor-bad/1.0.0");
            assertThat(bad.exit).isEqualTo(1);
            assertThat(bad.err).startsWith("error: " + url + "/com/example/vendor-bad/1.0.0/vendor-bad-1.0.0.jar: checksum mismatch");
            assertThat(deployed()).isEmpty();

            // RELEASE: the last listed version that is not a snapshot, from the Gogo shell
            List<String> shown = c.shell("osvif:install mvn:com.example/vendor-plugin/RELEASE");
            assertThat(String.join("\n", shown)).contains("deploy/com.example.osvif.vendor-1.0.0.jar")
                    .contains("com.example.osvif.vendor 1.0.0").contains("ACTIVE");
            assertThat(requests).contains("GET /maven/com/example/vendor-plugin/maven-metadata.xml",
                    "GET /maven/com/example/vendor-plugin/1.0.0/vendor-plugin-1.0.0.jar",
                    "GET /maven/com/example/vendor-plugin/1.0.0/vendor-plugin-1.0.0.jar.sha256",
                    "GET /maven/com/example/vendor-plugin/1.0.0/vendor-plugin-1.0.0.jar.sha1");
            assertThat(Files.readAllBytes(home.resolve("deploy/com.example.osvif.vendor-1.0.0.jar")))
                    .isEqualTo(Files.readAllBytes(v10));
            assertThat(Osvif.viaSocket(home, "", "plugins").out).contains("\"plugin\":\"vendor_example\"");
        } finally {
            server.stop(0);
        }
    }
}

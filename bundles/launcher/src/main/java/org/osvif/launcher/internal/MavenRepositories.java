package org.osvif.launcher.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osvif.launcher.Container;
import org.osvif.launcher.ContainerException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Fetches {@code mvn:GROUP/ARTIFACT/VERSION[/TYPE[/CLASSIFIER]]} (Karaf's syntax) from the
 * repositories of {@code repositories} in {@code etc/org.osvif.runtime.cfg} (comma-separated
 * {@code file:}, {@code https:} or {@code http:} URLs, tried in order; default the user's local
 * repository {@code ~/.m2/repository}), re-read at every fetch so an edit needs no restart.
 * {@code LATEST} and {@code RELEASE} resolve through the artifact's {@code maven-metadata.xml}.
 * The jar is checked against the repository's {@code .sha256}, else {@code .sha1}, when one is
 * there: a mismatch is refused before anything is written. What is fetched is bounded in size
 * and time. Signatures are the deployer's business, as for any jar of {@code deploy/}.
 */
public final class MavenRepositories {

    private static final System.Logger LOG = System.getLogger(MavenRepositories.class.getName());
    static final String KEY = Container.RUNTIME_PID + ".repositories";
    /** The biggest jar (or metadata file) fetched: a guard against an endless or hostile answer. */
    static final int MAX_BYTES = 64 << 20;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** A jar fetched from a repository. */
    public record Fetched(URI url, byte[] bytes, String checksum) {
    }

    private final Supplier<List<URI>> repositories;
    private volatile HttpClient http;

    MavenRepositories(Supplier<List<URI>> repositories) {
        this.repositories = repositories;
    }

    /**
     * @param etc the container's etc/ (may be {@code null})
     * @param sets the {@code --set} values that win over it
     * @param cap the largest etc/ file read
     * @param owners who may own an etc/ file (the same check as at start)
     * @return repositories configured there, read anew at each fetch
     */
    public static MavenRepositories configured(Path etc, List<String[]> sets, long cap, Ownership owners) {
        List<String[]> copy = List.copyOf(sets);
        return new MavenRepositories(() -> parse(Configs.merge(Configs.read(etc, cap, owners), copy)
                .getOrDefault(Container.RUNTIME_PID, Map.of()).get("repositories")));
    }

    /** @return the repositories a value of {@code repositories} lists (the local one when unset) */
    static List<URI> parse(Object value) {
        if (value == null || value.toString().isBlank()) {
            return List.of(Path.of(System.getProperty("user.home"), ".m2", "repository").toUri());
        }
        List<URI> out = new ArrayList<>();
        for (String s : value.toString().split(",")) {
            String r = s.trim();
            if (r.isEmpty()) {
                continue;
            }
            URI u;
            try {
                u = URI.create(r.endsWith("/") ? r : r + "/");
            } catch (IllegalArgumentException e) {
                throw new ContainerException(KEY + ": '" + r + "' is not a URL: " + e.getMessage());
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme();
            if (!scheme.equals("file") && !scheme.equals("https") && !scheme.equals("http")) {
                throw new ContainerException(KEY + ": '" + r + "' is not a file:, https: or http: URL");
            }
            out.add(u);
        }
        return out;
    }

    /** GROUP/ARTIFACT/VERSION[/TYPE[/CLASSIFIER]] of a mvn: URI. */
    record Coordinates(String group, String artifact, String version, String type, String classifier) {

        static Coordinates of(URI mvn) {
            String s = mvn.getSchemeSpecificPart();
            if (s.contains("!")) {
                throw new ContainerException(mvn + ": a repository inside the URL (REPO!...) is not supported;"
                        + " list it in " + KEY);
            }
            String[] p = s.split("/", -1);
            if (p.length < 3 || p.length > 5 || java.util.Arrays.stream(p).anyMatch(x -> x.isBlank() || x.contains(".."))) {
                throw new ContainerException(mvn + ": expected mvn:GROUP/ARTIFACT/VERSION[/TYPE[/CLASSIFIER]]");
            }
            return new Coordinates(p[0], p[1], p[2], p.length > 3 ? p[3] : "jar", p.length > 4 ? p[4] : null);
        }

        String dir() {
            return group.replace('.', '/') + "/" + artifact + "/";
        }

        String file(String v) {
            return dir() + v + "/" + artifact + "-" + v + (classifier == null ? "" : "-" + classifier) + "." + type;
        }
    }

    /**
     * @param mvn {@code mvn:GROUP/ARTIFACT/VERSION[/TYPE[/CLASSIFIER]]}
     * @return the jar and where it came from
     * @throws ContainerException naming the URL, if it is nowhere, too big, slow, or fails its checksum
     */
    public Fetched fetch(URI mvn) {
        Coordinates c = Coordinates.of(mvn);
        List<URI> repos = repositories.get();
        List<String> tried = new ArrayList<>();
        for (URI repo : repos) {
            String version = c.version();
            if (version.equals("LATEST") || version.equals("RELEASE")) {
                version = resolve(repo, c, tried);
                if (version == null) {
                    continue;
                }
            }
            URI url = repo.resolve(c.file(version));
            byte[] jar = get(url);
            if (jar == null) {
                tried.add(url.toString());
                continue;
            }
            String checksum = verify(url, jar);
            LOG.log(Level.INFO, "{0}: fetched {1} ({2} bytes, {3})", mvn, url, jar.length,
                    checksum == null ? "the repository has no .sha256 or .sha1" : checksum + " matches");
            return new Fetched(url, jar, checksum);
        }
        throw new ContainerException(mvn + " is in none of the repositories of " + KEY + " (tried "
                + String.join(", ", tried) + ")");
    }

    /** @return the version LATEST or RELEASE names in this repository, or null if it has no metadata */
    private String resolve(URI repo, Coordinates c, List<String> tried) {
        // a remote repository's metadata, or the one Maven writes into a local repository
        for (String name : List.of("maven-metadata.xml", "maven-metadata-local.xml")) {
            URI url = repo.resolve(c.dir() + name);
            byte[] xml = get(url);
            if (xml == null) {
                tried.add(url.toString());
                continue;
            }
            String v = version(url, xml, c.version());
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** {@code <versioning><latest>} or {@code <release>}, else the last of {@code <versions>} that fits. */
    static String version(URI url, byte[] xml, String which) {
        Document d;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // metadata is data: no DTDs, no external entities
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ContainerException(url + ": not Maven metadata: " + e.getMessage());
        }
        String named = text(d, which.equals("LATEST") ? "latest" : "release");
        if (named != null) {
            return named;
        }
        NodeList versions = d.getElementsByTagName("version");
        String last = null;
        for (int i = 0; i < versions.getLength(); i++) {
            Element e = (Element) versions.item(i);
            String v = e.getTextContent().trim();
            boolean listed = e.getParentNode() != null && "versions".equals(e.getParentNode().getNodeName());
            if (listed && (which.equals("LATEST") || !v.endsWith("-SNAPSHOT"))) {
                last = v; // Maven lists them oldest first
            }
        }
        if (last == null) {
            throw new ContainerException(url + " names no " + which + " version");
        }
        return last;
    }

    private static String text(Document d, String tag) {
        NodeList l = d.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            String t = l.item(i).getTextContent().trim();
            if (!t.isEmpty()) {
                return t;
            }
        }
        return null;
    }

    /** @return the checksum that matched, or null when the repository has none */
    private String verify(URI url, byte[] jar) {
        for (String[] algorithm : List.of(new String[] {"sha256", "SHA-256"}, new String[] {"sha1", "SHA-1"})) {
            URI sumUrl = URI.create(url + "." + algorithm[0]);
            byte[] sum = get(sumUrl);
            if (sum == null) {
                continue;
            }
            String expected = new String(sum, java.nio.charset.StandardCharsets.US_ASCII).trim().split("\\s+")[0]
                    .toLowerCase(java.util.Locale.ROOT);
            String actual;
            try {
                actual = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm[1]).digest(jar));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e); // every JDK has both
            }
            if (!actual.equals(expected)) {
                throw new ContainerException(url + ": checksum mismatch: " + sumUrl + " says " + expected
                        + ", the jar's " + algorithm[0] + " is " + actual + "; refused, nothing written");
            }
            return algorithm[0] + " " + actual;
        }
        return null;
    }

    /** @return the bytes at a URL, or null if there is nothing there (404, no such file) */
    byte[] get(URI url) {
        if (url.getScheme().equals("file")) {
            Path p = Path.of(url);
            try {
                if (Files.size(p) > MAX_BYTES) {
                    throw new ContainerException(url + " is larger than " + (MAX_BYTES >> 20) + " MiB");
                }
                return Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new ContainerException("cannot read " + url + ": " + e.getMessage(), e);
            }
        }
        HttpResponse<InputStream> r;
        try {
            r = client().send(HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ContainerException("cannot fetch " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted fetching " + url, e);
        }
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404 || r.statusCode() == 410) {
                return null;
            }
            if (r.statusCode() != 200) {
                throw new ContainerException(url + ": HTTP " + r.statusCode());
            }
            if (r.headers().firstValueAsLong("Content-Length").orElse(0) > MAX_BYTES) {
                throw new ContainerException(url + " is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new ContainerException(url + " is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            return b;
        } catch (IOException e) {
            throw new ContainerException("cannot fetch " + url + ": " + e, e);
        }
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            c = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
            http = c;
        }
        return c;
    }
}

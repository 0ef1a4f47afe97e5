package org.osvif.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** {@code osvif --version}: the distribution's version and its first-party bundles'. */
final class Version {

    private static volatile String version;

    private Version() {
    }

    /** @return the project version the command line was built as, e.g. {@code 0.1.0} */
    static String of() {
        String v = version;
        if (v == null) {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // below
            }
            v = p.getProperty("version", "unknown");
            version = v;
        }
        return v;
    }

    /** @return symbolic name to version of each org.osvif bundle of lib/ and the bundle folder */
    static Map<String, String> bundles() {
        Map<String, String> out = new TreeMap<>();
        Path lib = libDir();
        for (Path dir : lib == null ? List.of(Embedded.bundleDir()) : List.of(lib, Embedded.bundleDir())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
                for (Path jar : jars) {
                    try (JarFile j = new JarFile(jar.toFile())) {
                        Manifest m = j.getManifest();
                        String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
                        if (bsn != null && bsn.startsWith("org.osvif")) {
                            out.putIfAbsent(bsn.split(";")[0].trim(), m.getMainAttributes().getValue("Bundle-Version"));
                        }
                    } catch (IOException e) {
                        // not a jar we can read: not ours to list
                    }
                }
            } catch (IOException e) {
                // an unreadable folder lists nothing
            }
        }
        return out;
    }

    /** @return the folder of the jar this class was loaded from, or null */
    private static Path libDir() {
        try {
            Path jar = Path.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) ? jar.getParent() : null;
        } catch (Exception e) {
            return null;
        }
    }

    static void print(PrintStream out) {
        out.println("osvif " + of());
        for (Map.Entry<String, String> b : bundles().entrySet()) {
            out.println("  " + b.getKey() + " " + b.getValue());
        }
    }
}

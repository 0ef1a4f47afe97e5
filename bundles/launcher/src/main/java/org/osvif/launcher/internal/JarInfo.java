package org.osvif.launcher.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * The one manifest reader of the container: what a jar says it is, read streaming with a cap on
 * the manifest's inflated size, so that a manifest that inflates to gigabytes is refused after
 * the cap instead of filling the heap (JarFile and JarInputStream read a manifest whole).
 *
 * @param symbolicName Bundle-SymbolicName without its directives
 * @param version Bundle-Version
 * @param exports the package names of Export-Package
 * @param manifest the whole manifest
 */
public record JarInfo(String symbolicName, Version version, List<String> exports, Manifest manifest) {

    /** Why a file is not taken: one line for the operator, naming the file's problem. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param why the reason, without the file name */
        public Refused(String why) {
            super(why);
        }
    }

    /**
     * @param jar a jar file
     * @param maxManifest the largest manifest accepted, in bytes once inflated
     * @return what it is
     * @throws Refused if it is not a jar, has no bundle manifest, or the manifest is too big
     */
    public static JarInfo read(Path jar, int maxManifest) throws Refused {
        try (InputStream in = Files.newInputStream(jar)) {
            return read(in, maxManifest);
        } catch (IOException e) {
            throw new Refused("not a readable jar: " + e.getMessage());
        }
    }

    /**
     * @param in the jar's bytes, read only up to its manifest
     * @param maxManifest the largest manifest accepted, in bytes once inflated
     * @return what it is
     * @throws Refused if it is not a bundle or its manifest is too big
     * @throws IOException if reading fails
     */
    public static JarInfo read(InputStream in, int maxManifest) throws Refused, IOException {
        ZipInputStream zip = new ZipInputStream(in);
        ZipEntry e;
        try {
            // The manifest is the first or second entry of a jar (after META-INF/); a jar tool that
            // puts it elsewhere still works, at the price of skipping the entries before it.
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    byte[] bytes = zip.readNBytes(maxManifest + 1);
                    if (bytes.length > maxManifest) {
                        throw new Refused("its manifest is over the " + (maxManifest >> 10) + " KiB cap (max_manifest_kib)");
                    }
                    return of(new Manifest(new ByteArrayInputStream(bytes)));
                }
            }
        } catch (java.util.zip.ZipException | IllegalArgumentException bad) {
            throw new Refused("not a jar: " + bad.getMessage());
        }
        throw new Refused("not a bundle: no manifest");
    }

    static JarInfo of(Manifest mf) throws Refused {
        String bsn = mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null) {
            throw new Refused("not a bundle: no Bundle-SymbolicName in its manifest");
        }
        Version version;
        try {
            version = Version.parseVersion(mf.getMainAttributes().getValue(Constants.BUNDLE_VERSION));
        } catch (IllegalArgumentException e) {
            throw new Refused("bad Bundle-Version: " + e.getMessage());
        }
        return new JarInfo(bsn.split(";")[0].trim(), version,
                packages(mf.getMainAttributes().getValue(Constants.EXPORT_PACKAGE)), mf);
    }

    /** The package names of an Export-Package header: clauses split at commas outside quotes. */
    static List<String> packages(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i <= header.length(); i++) {
            char c = i == header.length() ? ',' : header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                // a clause is "p1;p2;attr=...;dir:=...": its leading parts without '=' are packages
                for (String part : clause.toString().split(";")) {
                    String p = part.trim();
                    if (p.isEmpty() || p.contains("=")) {
                        break;
                    }
                    out.add(p);
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return out;
    }
}

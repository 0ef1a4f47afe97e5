package org.osvif.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The bnd resolver resolves bndrun/osvif.bndrun against the packages it is told the host
 * exports; the container must export exactly those, or the resolved runtime would not wire.
 * And each must be what the bundle that holds the package really exports, at that version:
 * a bumped API version left out of the list would have bundles wired to the old one.
 */
class SystemPackagesTest {

    @Test
    void theBndrunDeclaresTheSystemPackagesTheContainerExports() throws Exception {
        String bndrun = Files.readString(Path.of("../../bndrun/osvif.bndrun"));
        Matcher m = Pattern.compile("-runsystempackages:((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(bndrun);
        assertThat(m.find()).isTrue();
        Set<String> declared = new TreeSet<>();
        for (String p : m.group(1).replace("\\\n", "").split(",")) {
            declared.add(p.replaceAll("\\s", ""));
        }
        assertThat(declared).isEqualTo(new TreeSet<>(Arrays.asList(Container.SYSTEM_PACKAGES.split(","))));
    }

    @Test
    void eachSystemPackageIsExportedAtThatVersionByTheJarThatHoldsIt() throws Exception {
        for (String entry : Container.SYSTEM_PACKAGES.split(",")) {
            String pkg = entry.substring(0, entry.indexOf(';'));
            String version = entry.substring(entry.indexOf("version=") + "version=".length());
            Pattern p = Pattern.compile("(?:^|,)" + Pattern.quote(pkg) + ";(?:[^\",]|\"[^\"]*\")*?version=\"?([0-9.]+)");
            String found = null;
            for (String exports : exportPackages(pkg)) {
                Matcher v = p.matcher(exports);
                if (v.find()) {
                    found = v.group(1);
                }
            }
            assertThat(found).as(pkg + ": the version the jar holding it exports").isEqualTo(version);
        }
    }

    /** The Export-Package headers of the jars (or bnd-built class folders) on the class path holding a package. */
    private static java.util.List<String> exportPackages(String pkg) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (URL dir : java.util.Collections.list(SystemPackagesTest.class.getClassLoader().getResources(pkg.replace('.', '/')))) {
            Manifest mf = null;
            if (dir.getProtocol().equals("jar")) {
                mf = ((JarURLConnection) dir.openConnection()).getManifest();
            } else {
                Path root = Path.of(dir.toURI());
                for (String ignored : pkg.split("\\.")) {
                    root = root.getParent();
                }
                if (Files.exists(root.resolve("META-INF/MANIFEST.MF"))) {
                    try (InputStream in = Files.newInputStream(root.resolve("META-INF/MANIFEST.MF"))) {
                        mf = new Manifest(in);
                    }
                }
            }
            if (mf != null && mf.getMainAttributes().getValue("Export-Package") != null) {
                out.add(mf.getMainAttributes().getValue("Export-Package"));
            }
        }
        return out;
    }
}

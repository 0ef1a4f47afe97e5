package org.osvif.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Bundles a careless or hostile vendor would ship, built by the tests with the JDK's compiler. */
final class BadBundles {

    private BadBundles() {
    }

    /** A BundleActivator whose start() sleeps (until interrupted). */
    static Path sleepingActivator(Path out) throws IOException {
        byte[] cls = compile("sleepy.Activator", "package sleepy; public class Activator implements org.osgi.framework.BundleActivator {"
                + " public void start(org.osgi.framework.BundleContext c) throws Exception { Thread.sleep(Long.MAX_VALUE); }"
                + " public void stop(org.osgi.framework.BundleContext c) { } }");
        Manifest mf = manifest("test.sleepy", "1.0.0");
        mf.getMainAttributes().putValue("Bundle-Activator", "sleepy.Activator");
        mf.getMainAttributes().putValue("Import-Package", "org.osgi.framework");
        return jar(out, mf, Map.of("sleepy/Activator.class", cls));
    }

    /** A DS plugin component whose @Activate blocks (until interrupted). */
    static Path blockingActivate(Path out) throws IOException {
        byte[] cls = compile("blocky.Plugin", "package blocky; public class Plugin implements org.osvif.plugin.VifPlugin {"
                + " public void activate() throws InterruptedException { Thread.sleep(Long.MAX_VALUE); }"
                + " public org.osvif.objects.HostPluginInfo describe() { return null; }"
                + " public void plug(org.osvif.objects.VIFBase v, org.osvif.objects.InstanceInfo i) { }"
                + " public void unplug(org.osvif.objects.VIFBase v, org.osvif.objects.InstanceInfo i) { } }");
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"blocky\" activate=\"activate\">\n"
                + "  <property name=\"osvif.plugin.name\" type=\"String\" value=\"blocky\"/>\n"
                + "  <service><provide interface=\"org.osvif.plugin.VifPlugin\"/></service>\n"
                + "  <implementation class=\"blocky.Plugin\"/>\n</scr:component>\n";
        Manifest mf = manifest("test.blocky", "1.0.0");
        mf.getMainAttributes().putValue("Import-Package", "org.osvif.objects;version=\"[1.0,2)\",org.osvif.plugin;version=\"[1.0,2)\"");
        mf.getMainAttributes().putValue("Service-Component", "OSGI-INF/blocky.xml");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("blocky/Plugin.class", cls);
        entries.put("OSGI-INF/blocky.xml", xml.getBytes(StandardCharsets.UTF_8));
        return jar(out, mf, entries);
    }

    /**
     * A DS plugin {@code moody} (configuration pid {@code test.moody}) whose {@code @Activate}
     * throws while its configuration says {@code mood = bad}: it activates, and fails after a
     * change of {@code etc/}.
     */
    static Path moody(Path out) throws IOException {
        byte[] cls = compile("moody.Plugin", "package moody; public class Plugin implements org.osvif.plugin.VifPlugin {"
                + " public void activate(java.util.Map<String, Object> p) {"
                + "  if (\"bad\".equals(p.get(\"mood\"))) throw new IllegalStateException(\"moody refuses: mood=\" + p.get(\"mood\")); }"
                + " public org.osvif.objects.HostPluginInfo describe() { return org.osvif.objects.HostPluginInfo.builder()"
                + "  .pluginName(\"moody\").vifInfo(java.util.List.of(org.osvif.objects.HostVIFInfo.builder()"
                + "  .vifObjectName(\"VIFGeneric\").minVersion(\"1.0\").maxVersion(\"1.0\").supportedPortProfiles(java.util.List.of()).build())).build(); }"
                + " public void plug(org.osvif.objects.VIFBase v, org.osvif.objects.InstanceInfo i) { }"
                + " public void unplug(org.osvif.objects.VIFBase v, org.osvif.objects.InstanceInfo i) { } }");
        return component(out, "test.moody", "moody", "moody.Plugin", cls, "configuration-pid=\"test.moody\"", "");
    }

    /**
     * A DS plugin {@code needy} whose mandatory reference ({@code absent}, a {@link Runnable}
     * with {@code (test.absent=true)}) nothing offers: its bundle is active, its plugin is not.
     */
    static Path needy(Path out) throws IOException {
        byte[] cls = compile("needy.Plugin", "package needy; public class Plugin implements org.osvif.plugin.VifPlugin {"
                + " public org.osvif.objects.HostPluginInfo describe() { return null; }"
                + " public void plug(org.osvif.objects.VIFBase v, org.osvif.objects.InstanceInfo i) { }"
                + " public void unplug(org.osvif.objects.VIFBase v, org.osvif.objects.InstanceInfo i) { } }");
        return component(out, "test.needy", "needy", "needy.Plugin", cls, "",
                "  <reference name=\"absent\" interface=\"java.lang.Runnable\" target=\"(test.absent=true)\"/>\n");
    }

    private static Path component(Path out, String bsn, String plugin, String className, byte[] cls, String attributes,
            String body) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"" + plugin + "\" " + attributes + ">\n"
                + "  <property name=\"osvif.plugin.name\" type=\"String\" value=\"" + plugin + "\"/>\n"
                + "  <service><provide interface=\"org.osvif.plugin.VifPlugin\"/></service>\n" + body
                + "  <implementation class=\"" + className + "\"/>\n</scr:component>\n";
        Manifest mf = manifest(bsn, "1.0.0");
        mf.getMainAttributes().putValue("Import-Package", "org.osvif.objects;version=\"[1.0,2)\",org.osvif.plugin;version=\"[1.0,2)\"");
        mf.getMainAttributes().putValue("Service-Component", "OSGI-INF/" + plugin + ".xml");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(className.replace('.', '/') + ".class", cls);
        entries.put("OSGI-INF/" + plugin + ".xml", xml.getBytes(StandardCharsets.UTF_8));
        return jar(out, mf, entries);
    }

    /** A jar whose manifest inflates to many megabytes (it compresses to a few kilobytes). */
    static Path manifestBomb(Path out, int megabytes) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\r\nBundle-SymbolicName: test.bomb\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII));
            byte[] a = new byte[1 << 20];
            java.util.Arrays.fill(a, (byte) 'a');
            for (int i = 0; i < megabytes; i++) {
                zip.write(a);
            }
            zip.closeEntry();
        }
        return out;
    }

    /** A bundle that exports its own copy of a package of the container. */
    static Path exporting(Path out, String bsn, String pkg, String version) throws IOException {
        Manifest mf = manifest(bsn, "1.0.0");
        mf.getMainAttributes().putValue("Export-Package", pkg + ";version=\"" + version + "\"");
        return jar(out, mf, Map.of(pkg.replace('.', '/') + "/package-info.txt", new byte[0]));
    }

    /**
     * A copy of a vendor jar under another symbolic name, its plugin renamed and ranked: a bundle
     * that tries to take another's plugin name.
     */
    static Path renamedPlugin(Path vendorJar, Path out, String bsn, String pluginName, int ranking) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(vendorJar))) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            JarEntry e;
            while ((e = in.getNextJarEntry()) != null) {
                byte[] b = in.readAllBytes();
                if (e.getName().startsWith("OSGI-INF/") && e.getName().endsWith(".xml") && !e.getName().contains("metatype")) {
                    String xml = new String(b, StandardCharsets.UTF_8)
                            .replace("value=\"vendor_example\"", "value=\"" + pluginName + "\"")
                            .replace("<service>", "<property name=\"service.ranking\" type=\"Integer\" value=\"" + ranking
                                    + "\"/>\n  <service>");
                    b = xml.getBytes(StandardCharsets.UTF_8);
                }
                if (!e.isDirectory()) {
                    entries.put(e.getName(), b);
                }
            }
            return jar(out, mf, entries);
        }
    }

    /** A vendor jar relabelled with another version and an import nothing exports. */
    static Path unresolvable(Path vendorJar, Path out, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(vendorJar))) {
            Manifest mf = new Manifest(in.getManifest());
            Attributes a = mf.getMainAttributes();
            a.putValue("Bundle-Version", version);
            a.putValue("Import-Package", a.getValue("Import-Package") + ",org.example.nowhere;version=\"[9,10)\"");
            Map<String, byte[]> entries = new LinkedHashMap<>();
            JarEntry e;
            while ((e = in.getNextJarEntry()) != null) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
            return jar(out, mf, entries);
        }
    }

    static Manifest manifest(String bsn, String version) {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", version);
        return mf;
    }

    static Path jar(Path out, Manifest mf, Map<String, byte[]> entries) throws IOException {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), mf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return out;
    }

    /** Compiles one class against this test's class path (the OSGi framework, the osvif API). */
    static byte[] compile(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StandardJavaFileManager std = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        ForwardingJavaFileManager<StandardJavaFileManager> fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return bytes;
                    }
                };
            }
        };
        JavaFileObject src = new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringBuilder diagnostics = new StringBuilder();
        boolean ok = javac.getTask(null, fm, d -> diagnostics.append(d).append('\n'),
                List.of("-classpath", System.getProperty("java.class.path"), "--release", "17"), null, List.of(src)).call();
        if (!ok) {
            throw new IllegalStateException("cannot compile " + className + ":\n" + diagnostics);
        }
        return bytes.toByteArray();
    }
}

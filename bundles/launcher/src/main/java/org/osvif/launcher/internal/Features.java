package org.osvif.launcher.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.felix.feature.impl.FeatureServiceImpl;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureConfiguration;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;
import org.osvif.launcher.ContainerException;

/**
 * The runtime's OSGi R8 features ({@code features/*.json}: the base runtime, the shell, one per
 * plugin set), read with Felix's {@link FeatureService}. A feature's bundles are jars of the
 * bundle folder named {@code <artifactId>-<version>.jar} (as the bnd exporter names them);
 * its configurations are defaults that {@code etc/} and {@code --set} override.
 */
public final class Features {

    /** The feature every container runs. */
    public static final String BASE = "osvif-base";

    /**
     * @param names the features chosen, in file order
     * @param jars the jar file names of their bundles
     * @param configs their configurations, pid to properties
     */
    public record Selection(List<String> names, Set<String> jars, Map<String, Map<String, Object>> configs) {
    }

    private Features() {
    }

    /**
     * @param dir the features folder
     * @param wanted the names of the features to run (a feature's artifactId); empty for all
     * @return the chosen features' bundles and configurations
     * @throws ContainerException for an unreadable feature, an unknown name, or no base
     */
    public static Selection select(Path dir, List<String> wanted) {
        Map<String, Feature> all = read(dir);
        for (String w : wanted) {
            if (!all.containsKey(w)) {
                throw new ContainerException("no feature '" + w + "' in " + dir + " (there are " + all.keySet() + ")");
            }
        }
        if (!wanted.isEmpty() && all.containsKey(BASE) && !wanted.contains(BASE)) {
            throw new ContainerException(BASE + " must be among the features (" + wanted + "): every container runs it");
        }
        List<String> names = new ArrayList<>();
        Set<String> jars = new LinkedHashSet<>();
        Map<String, Map<String, Object>> configs = new TreeMap<>();
        for (Map.Entry<String, Feature> e : all.entrySet()) {
            if (!wanted.isEmpty() && !wanted.contains(e.getKey())) {
                continue;
            }
            names.add(e.getKey());
            for (FeatureBundle b : e.getValue().getBundles()) {
                ID id = b.getID();
                jars.add(id.getArtifactId() + "-" + id.getVersion() + ".jar");
            }
            for (FeatureConfiguration c : e.getValue().getConfigurations().values()) {
                configs.computeIfAbsent(c.getPid(), k -> new TreeMap<>()).putAll(c.getValues());
            }
        }
        return new Selection(names, jars, configs);
    }

    private static Map<String, Feature> read(Path dir) {
        FeatureService service = new FeatureServiceImpl();
        Map<String, Feature> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new ContainerException("cannot list features in " + dir + ": " + e.getMessage(), e);
        }
        for (Path f : files) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                Feature feature = service.readFeature(r);
                out.put(feature.getID().getArtifactId(), feature);
            } catch (IOException | RuntimeException e) {
                throw new ContainerException("cannot read feature " + f + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new ContainerException("no feature (*.json) in " + dir);
        }
        return out;
    }
}

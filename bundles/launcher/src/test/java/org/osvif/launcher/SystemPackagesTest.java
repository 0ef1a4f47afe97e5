package org.osvif.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The bnd resolver resolves bndrun/osvif.bndrun against the packages it is told the host
 * exports; the container must export exactly those, or the resolved runtime would not wire.
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
}

package org.osvif.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.osvif.launcher.ContainerException;

/** The parts of a mvn: install that need no repository: coordinates, the repositories key, metadata. */
class MavenRepositoriesTest {

    static final URI META = URI.create("file:/r/com/example/a/maven-metadata.xml");

    static String version(String xml, String which) {
        return MavenRepositories.version(META, xml.getBytes(StandardCharsets.UTF_8), which);
    }

    @Test
    void coordinatesAreKarafsWithTypeAndClassifier() {
        var c = MavenRepositories.Coordinates.of(URI.create("mvn:com.example/vendor-plugin/1.0.0"));
        assertThat(c.file("1.0.0")).isEqualTo("com/example/vendor-plugin/1.0.0/vendor-plugin-1.0.0.jar");
        var k = MavenRepositories.Coordinates.of(URI.create("mvn:org.x/y/2.0/zip/linux"));
        assertThat(k.file("2.0")).isEqualTo("org/x/y/2.0/y-2.0-linux.zip");
        assertThatThrownBy(() -> MavenRepositories.Coordinates.of(URI.create("mvn:org.x/y")))
                .isInstanceOf(ContainerException.class).hasMessage("mvn:org.x/y: expected mvn:GROUP/ARTIFACT/VERSION[/TYPE[/CLASSIFIER]]");
        assertThatThrownBy(() -> MavenRepositories.Coordinates.of(URI.create("mvn:org.x/../1.0")))
                .isInstanceOf(ContainerException.class);
        assertThatThrownBy(() -> MavenRepositories.Coordinates.of(URI.create("mvn:https://repo!org.x/y/1.0")))
                .hasMessageContaining("is not supported");
    }

    @Test
    void repositoriesAreFileOrHttpUrlsAndDefaultToTheLocalOne() {
        assertThat(MavenRepositories.parse(null)).containsExactly(
                java.nio.file.Path.of(System.getProperty("user.home"), ".m2", "repository").toUri());
        assertThat(MavenRepositories.parse(" https://r.example/maven2 , file:/srv/repo/ "))
                .containsExactly(URI.create("https://r.example/maven2/"), URI.create("file:/srv/repo/"));
        assertThatThrownBy(() -> MavenRepositories.parse("ftp://r.example/m2"))
                .isInstanceOf(ContainerException.class)
                .hasMessage("org.osvif.runtime.repositories: 'ftp://r.example/m2' is not a file:, https: or http: URL");
    }

    @Test
    void latestAndReleaseComeFromTheMetadata() {
        String full = "<metadata><versioning><latest>2.0-SNAPSHOT</latest><release>1.1</release>"
                + "<versions><version>1.0</version><version>1.1</version><version>2.0-SNAPSHOT</version></versions>"
                + "</versioning></metadata>";
        assertThat(version(full, "LATEST")).isEqualTo("2.0-SNAPSHOT");
        assertThat(version(full, "RELEASE")).isEqualTo("1.1");
        String listOnly = "<metadata><versioning><versions><version>1.0</version><version>1.1</version>"
                + "<version>2.0-SNAPSHOT</version></versions></versioning></metadata>";
        assertThat(version(listOnly, "LATEST")).isEqualTo("2.0-SNAPSHOT");
        assertThat(version(listOnly, "RELEASE")).isEqualTo("1.1");
        assertThatThrownBy(() -> version("<metadata/>", "RELEASE")).hasMessage(META + " names no RELEASE version");
        assertThatThrownBy(() -> version("not xml", "LATEST")).hasMessageStartingWith(META + ": not Maven metadata: ");
        // metadata is data: a DTD (and so any entity) is refused
        assertThatThrownBy(() -> version("<!DOCTYPE m [<!ENTITY x SYSTEM \"file:/etc/passwd\">]><metadata>&x;</metadata>",
                "LATEST")).isInstanceOf(ContainerException.class);
    }
}

package org.osvif.cli.internal;

import java.nio.file.Path;
import java.util.Map;

import org.osvif.launcher.Container;
import org.osvif.launcher.internal.Configs;

/** The container's own configuration ({@code etc/org.osvif.runtime.cfg|json} and {@code --set}). */
final class RuntimeConfig {

    private RuntimeConfig() {
    }

    /** @return the {@code org.osvif.runtime} keys under this home, {@code --set} winning */
    static Map<String, Object> read(Path home) {
        return Configs.merge(Configs.read(home.resolve("etc")), Embedded.sets)
                .getOrDefault(Container.RUNTIME_PID, Map.of());
    }
}

package org.osvif.cli.internal;

import java.nio.file.Path;
import java.util.Map;

import org.osvif.launcher.Container;
import org.osvif.launcher.internal.Configs;
import org.osvif.launcher.internal.Limits;
import org.osvif.launcher.internal.Ownership;

/** The container's own configuration ({@code etc/org.osvif.runtime.cfg|json} and {@code --set}). */
final class RuntimeConfig {

    private RuntimeConfig() {
    }

    /**
     * Read with the container's own caps and owner checks, so a file the container would refuse
     * is refused here too, not read first.
     *
     * @return the {@code org.osvif.runtime} keys under this home, {@code --set} winning
     */
    static Map<String, Object> read(Path home) {
        return Configs.merge(Configs.read(home.resolve("etc"), Limits.DEFAULT.maxConfig(), Ownership.ofThisProcess()), Embedded.sets)
                .getOrDefault(Container.RUNTIME_PID, Map.of());
    }
}

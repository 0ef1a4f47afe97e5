package org.osvif.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * os-vif's rule: only an administrator installs plugins. A folder whose contents become code in
 * the container must not be writable by anyone else.
 */
final class Trust {

    private Trust() {
    }

    /** Creates the folder (mode 0755) if missing; refuses one that group or others can write. */
    static void checkAdminOnly(Path dir) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
            if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new ContainerException("refusing to start: " + dir + " is writable by group or others ("
                        + PosixFilePermissions.toString(p) + "); only the administrator may install plugins "
                        + "(chmod go-w " + dir + ")");
            }
        } catch (IOException e) {
            throw new ContainerException("cannot check " + dir + ": " + e.getMessage(), e);
        }
    }
}

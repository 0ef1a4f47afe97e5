package org.osvif.launcher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Trust by owner, as sshd checks a user's {@code authorized_keys}: a file that becomes code or
 * configuration in the container, and every directory above it up to {@code /}, must be owned
 * by root or the container's own user and not be writable by group or others. Otherwise another
 * user could put a jar that runs as root, or rename one in place.
 *
 * <p>One exception: a directory owned by root with the sticky bit ({@code /tmp}, mode 1777) is
 * accepted as a parent. The sticky bit keeps other users from renaming or deleting what they do
 * not own there, so the entry below it, checked in its turn, stays the owner's. sshd refuses
 * such parents; we accept them so that a home under {@code /tmp} (tests, CI) works, and say so
 * in docs/robustness.md.
 */
public final class Ownership {

    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private final int self;

    /** @param self the uid the container runs as */
    public Ownership(int self) {
        this.self = self;
    }

    /** @return the rules for the uid of this process */
    public static Ownership ofThisProcess() {
        try {
            return new Ownership((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell this process's uid: " + e.getMessage(), e);
        }
    }

    /**
     * @param path a file or directory, symlinks followed
     * @return {@code null} if it and every directory above it pass, else one line naming the
     *         first that does not and its owner
     */
    public String untrusted(Path path) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            return "cannot check " + path + ": " + e.getMessage();
        }
        for (Path p = real; p != null; p = p.getParent()) {
            String why = check(p, p != real);
            if (why != null) {
                return real.equals(path.toAbsolutePath()) ? why : path + " leads to " + real + ", and " + why;
            }
        }
        return null;
    }

    /**
     * @param file a file that is not a symlink, in a directory already checked
     * @return {@code null} if the file passes, else why not
     */
    public String untrustedFile(Path file) {
        return check(file, false);
    }

    private String check(Path p, boolean parent) {
        try {
            int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (uid != 0 && uid != self) {
                return p + " is owned by " + owner(p, uid) + ", not by root or the container's user ("
                        + owner(null, self) + ")";
            }
            boolean stickyRootParent = parent && uid == 0 && (mode & STICKY) != 0;
            if ((mode & GROUP_OR_OTHER_WRITE) != 0 && !stickyRootParent) {
                return p + " (owner " + owner(p, uid) + ") is writable by group or others (mode "
                        + String.format("%04o", mode & 07777) + "); chmod go-w " + p;
            }
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot check " + p + ": " + e.getMessage();
        }
    }

    private static String owner(Path p, int uid) {
        try {
            if (p != null) {
                return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName() + " (uid " + uid + ")";
            }
        } catch (IOException e) {
            // the uid alone then
        }
        return "uid " + uid;
    }
}

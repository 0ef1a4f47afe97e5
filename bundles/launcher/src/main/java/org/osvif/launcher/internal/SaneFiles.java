package org.osvif.launcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Only sane files are read: a regular file (a symlink only when its target is one and passes
 * {@link Ownership}), no bigger than a cap. A FIFO would block the reader forever, a device or
 * a huge sparse file would fill the heap; each is refused with one line before it is opened.
 */
public final class SaneFiles {

    private SaneFiles() {
    }

    /**
     * @param file a file to be read
     * @param cap the largest size accepted
     * @param what the cap's setting, named in the refusal
     * @param owners who may own the file, or {@code null} to check no owner
     * @return the file's size
     * @throws JarInfo.Refused if it is not a regular file, too big, or not trusted
     */
    public static long check(Path file, long cap, String what, Ownership owners) throws JarInfo.Refused {
        try {
            PosixFileAttributes link = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Path target = file;
            if (link.isSymbolicLink()) {
                target = file.toRealPath();
                if (owners != null) {
                    String why = owners.untrusted(file);
                    if (why != null) {
                        throw new JarInfo.Refused("a symlink to " + target + ", which is refused: " + why);
                    }
                }
            } else if (owners != null) {
                String why = owners.untrustedFile(file);
                if (why != null) {
                    throw new JarInfo.Refused(why);
                }
            }
            PosixFileAttributes a = Files.readAttributes(target, PosixFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new JarInfo.Refused((target == file ? "" : "a symlink to " + target + ", ")
                        + "not a regular file (" + kind(a) + "): refused");
            }
            if (a.size() > cap) {
                throw new JarInfo.Refused("is " + mib(a.size()) + ", over the " + mib(cap) + " cap (" + what + "): refused");
            }
            return a.size();
        } catch (IOException e) {
            throw new JarInfo.Refused("cannot read: " + e.getMessage());
        }
    }

    private static String kind(PosixFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        return a.isOther() ? "a FIFO, socket or device" : "not a file";
    }

    static String mib(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    /**
     * Copies at most {@code cap} bytes of a file (refusing a file that grew past it meanwhile)
     * and returns the SHA-256 of what was copied: the copy is what is installed, so the file in
     * deploy/ can change under it without changing what was checked.
     *
     * @param from the checked file
     * @param to the copy, replaced
     * @param cap the largest size accepted
     * @return the SHA-256 of the copy, in hex
     * @throws JarInfo.Refused if the file is bigger than the cap
     * @throws IOException if reading or writing fails
     */
    public static String copy(Path from, Path to, long cap) throws JarInfo.Refused, IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.createDirectories(to.getParent());
        Path part = to.resolveSibling(to.getFileName() + ".part");
        long total = 0;
        try (InputStream in = Files.newInputStream(from);
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > cap) {
                    throw new JarInfo.Refused("grew over the " + mib(cap) + " cap while read: refused");
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        } catch (JarInfo.Refused | IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return HexFormat.of().formatHex(sha.digest());
    }
}

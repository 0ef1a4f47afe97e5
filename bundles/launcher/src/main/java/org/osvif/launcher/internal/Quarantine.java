package org.osvif.launcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Files of deploy/ that once blocked the deployer past their deadline, by file name and content
 * hash: one small file each under {@code data/quarantine/}, so the record survives a restart, an
 * operator can read why, and deleting it (or changing the jar) retries.
 */
final class Quarantine {

    private static final System.Logger LOG = System.getLogger(Quarantine.class.getName());

    private final Path dir;

    Quarantine(Path dir) {
        this.dir = dir;
    }

    /** @return the entry's name without its hash: the operator's glob */
    String entryName(String file) {
        return file + ".";
    }

    private Path entry(String file, String hash) {
        return dir.resolve(file + "." + hash.substring(0, 16));
    }

    /** @return why this content of this file is quarantined, or {@code null} if it is not */
    String reason(String file, String hash) {
        Path e = entry(file, hash);
        try {
            // Bounded like every file the container reads; an entry is ours and small.
            return Files.isRegularFile(e) ? new String(Files.newInputStream(e).readNBytes(16 << 10), StandardCharsets.UTF_8)
                    : null;
        } catch (IOException x) {
            return "unreadable quarantine entry " + e + ": " + x.getMessage();
        }
    }

    void add(String file, String hash, String why) {
        try {
            Files.createDirectories(dir);
            Files.writeString(entry(file, hash), why + "\n(" + Instant.now() + ", sha256 " + hash + ")\n");
            LOG.log(Level.WARNING, "deploy/{0}: quarantined ({1})", file, entry(file, hash));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "deploy/{0}: cannot record its quarantine: {1}", file, e.getMessage());
        }
    }

    /** @return the SHA-256 of a file in hex, read streaming; {@code ""} if it cannot be read */
    String hashOf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }
}

package org.osvif.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code run/osvif.lock}: one container per home. {@code osvif run} holds an exclusive lock on it
 * for the life of the process (the kernel drops it when the process dies, SIGKILL included, so
 * there is never a stale lock) and writes its pid into it. Taken before anything of the home is
 * touched: the framework cache, the socket, deploy/.
 */
final class ContainerLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ContainerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path path() {
        return Embedded.home().resolve("run").resolve("osvif.lock");
    }

    /** A container holds the lock already. */
    static final class Held extends Exception {
        private static final long serialVersionUID = 1L;

        Held(String message) {
            super(message);
        }
    }

    /**
     * @return the lock, held until {@link #close()} or the end of the process
     * @throws Held if another process holds it
     */
    static ContainerLock take() throws IOException, Held {
        Path file = path();
        Path run = file.getParent();
        if (!Files.isDirectory(run)) {
            Files.createDirectories(run);
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            // Read through the channel: the holder wrote its pid before anything else.
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            ch.close();
            String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            throw new Held("a container already runs on " + Embedded.home().toAbsolutePath() + " (pid "
                    + (pid.isEmpty() ? "unknown" : pid) + ")");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new ContainerLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}

package org.osvif.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.osvif.ovsdb.internal.Session;

/** A scripted server: replies split across writes and glued together, and a server-side echo. */
class SessionFramingTest {

    @Test
    void concatenatedSplitRepliesAreMatchedByIdAndEchoIsAnswered() throws Exception {
        Path dir = Files.createTempDirectory("osvif-fake");
        Path sock = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Session s = Session.open("unix:" + sock, m -> { });
            try (SocketChannel peer = server.accept()) {
                CompletableFuture<Object> a = s.call("m", List.of(), null);
                CompletableFuture<Object> b = s.call("m", List.of(), null);
                read(peer, "\"id\":2");
                // Replies out of order, glued together, and cut in the middle of a token,
                // followed by an echo request from the server.
                write(peer, "{\"id\":2,\"result\":[\"two\"],\"error\":null}{\"id\":1,\"res");
                write(peer, "ult\":\"one\",\"error\":null}{\"method\":\"echo\",\"params\":[\"hb\"],\"id\":\"echo\"}");
                assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(List.of("two"));
                assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("one");
                assertThat(read(peer, "[\"hb\"],\"error\":null}")).contains("{\"id\":\"echo\",\"result\":[\"hb\"],\"error\":null}");
            } finally {
                s.close();
            }
        } finally {
            Files.deleteIfExists(sock);
            Files.deleteIfExists(dir);
        }
    }

    private static void write(SocketChannel c, String s) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    /** Reads until the text seen so far contains {@code until}. */
    private static String read(SocketChannel c, String until) throws Exception {
        StringBuilder sb = new StringBuilder();
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (!sb.toString().contains(until)) {
            b.clear();
            if (c.read(b) < 0) {
                break;
            }
            b.flip();
            sb.append(StandardCharsets.UTF_8.decode(b));
        }
        return sb.toString();
    }
}

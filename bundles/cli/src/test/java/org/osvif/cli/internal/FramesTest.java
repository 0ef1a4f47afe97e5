package org.osvif.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The control socket's framing, both directions, and what it refuses. */
class FramesTest {

    @Test
    void typedFramesRoundTrip() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] line = "{\"ok\": true}\n".getBytes(StandardCharsets.UTF_8);
        Frames.write(b, Frames.OUT, line, 0, line.length);
        Frames.write(b, Frames.PING, new byte[0], 0, 0);
        Frames.writeExit(b, 2);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b.toByteArray()));
        Frames.Frame out = Frames.read(in);
        assertThat(out.type()).isEqualTo(Frames.OUT);
        assertThat(out.body()).isEqualTo(line);
        assertThat(Frames.read(in).type()).isEqualTo(Frames.PING);
        Frames.Frame exit = Frames.read(in);
        assertThat(exit.type()).isEqualTo(Frames.EXIT);
        assertThat(exit.exit()).isEqualTo(2);
        assertThat(Frames.read(in)).isNull();
    }

    @Test
    void inputFramesEndAtTheEndFrameAndKnowATruncatedOne() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] a = "first\n".getBytes(StandardCharsets.UTF_8);
        byte[] c = "second\n".getBytes(StandardCharsets.UTF_8);
        Frames.writeInput(b, a, 0, a.length);
        Frames.writeInput(b, c, 0, c.length);
        Frames.writeInput(b, a, 0, 0);
        b.write(Frames.ACK);
        InputStream raw = new ByteArrayInputStream(b.toByteArray());
        Frames.InputFrames in = new Frames.InputFrames(raw);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
        assertThat(in.ended()).isTrue();
        assertThat(raw.read()).as("the ack after the end frame is left to the caller").isEqualTo(Frames.ACK);

        byte[] cut = Arrays.copyOf(b.toByteArray(), 4 + a.length + 2);
        Frames.InputFrames truncated = new Frames.InputFrames(new ByteArrayInputStream(cut));
        assertThatThrownBy(truncated::readAllBytes).isInstanceOf(Frames.Truncated.class);
    }

    @Test
    void oversizedFramesAndHeadersAreRefusedWithoutAllocating() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new DataOutputStream(b).writeInt(Integer.MAX_VALUE);
        Frames.InputFrames in = new Frames.InputFrames(new ByteArrayInputStream(b.toByteArray()));
        assertThatThrownBy(() -> in.read(new byte[16])).isInstanceOf(Frames.ProtocolException.class)
                .hasMessageContaining(Integer.toString(Integer.MAX_VALUE));

        byte[] header = new byte[Frames.MAX_HEADER + 10];
        Arrays.fill(header, (byte) 'a');
        assertThatThrownBy(() -> Frames.readHeader(new ByteArrayInputStream(header)))
                .isInstanceOf(Frames.ProtocolException.class).hasMessageContaining("64 KiB");
        assertThatThrownBy(() -> Frames.readHeader(new ByteArrayInputStream("{\"args\"".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Frames.Truncated.class);
    }
}

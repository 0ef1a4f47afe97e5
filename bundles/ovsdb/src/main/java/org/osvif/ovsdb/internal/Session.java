package org.osvif.ovsdb.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.osvif.ovsdb.OvsdbConnectionException;
import org.osvif.ovsdb.OvsdbErrorException;

/**
 * One JSON-RPC connection: requests are written as they come (many in flight), one reader
 * thread parses the stream of concatenated JSON values and completes each request by its id,
 * answers {@code echo} and hands notifications on. When the stream ends every request in flight
 * fails with {@link OvsdbConnectionException}.
 */
public final class Session {

    private static final JsonFactory JSON = new JsonFactory();
    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    /** A request in flight. {@code hook} runs on the reader thread before the future completes. */
    private record Pending(String method, CompletableFuture<Object> future, Consumer<Object> hook) {
    }

    private final SocketChannel channel;
    private final String target;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Object writeLock = new Object();
    private final Consumer<Map<String, Object>> notifications;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Throwable failure;
    private Thread reader;

    private Session(SocketChannel channel, String target, Consumer<Map<String, Object>> notifications) {
        this.channel = channel;
        this.target = target;
        this.notifications = notifications;
    }

    /**
     * @param target {@code unix:PATH} or {@code tcp:HOST:PORT}
     * @return its socket address
     */
    public static SocketAddress address(String target) {
        if (target.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(target.substring(5));
        }
        if (target.startsWith("tcp:")) {
            String hp = target.substring(4);
            int colon = hp.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("ovsdb connection '" + target + "': expected tcp:HOST:PORT");
            }
            String host = hp.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                return new InetSocketAddress(host, Integer.parseInt(hp.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ovsdb connection '" + target + "': bad port", e);
            }
        }
        throw new IllegalArgumentException("ovsdb connection '" + target
                + "': only unix:PATH and tcp:HOST:PORT are supported");
    }

    /**
     * Connects and starts the reader thread.
     *
     * @param target {@code unix:PATH} or {@code tcp:HOST:PORT}
     * @param notifications receives {@code update2} and other notifications, on the reader thread
     * @return the session
     * @throws IOException when the connection fails
     */
    public static Session open(String target, Consumer<Map<String, Object>> notifications) throws IOException {
        SocketAddress a = address(target);
        SocketChannel ch = a instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try {
            ch.connect(a);
            if (!(a instanceof UnixDomainSocketAddress)) {
                ch.socket().setTcpNoDelay(true);
                ch.socket().setKeepAlive(true);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        Session s = new Session(ch, target, notifications);
        Thread t = new Thread(s::readLoop, "ovsdb-reader " + target);
        t.setDaemon(true);
        s.reader = t;
        t.start();
        return s;
    }

    /**
     * Sends a request.
     *
     * @param method the method
     * @param params its parameters
     * @param hook runs on the reader thread with the result before the future completes, or {@code null}
     * @return the result, or an {@link OvsdbErrorException} / {@link OvsdbConnectionException}
     */
    public CompletableFuture<Object> call(String method, List<Object> params, Consumer<Object> hook) {
        long id = ids.incrementAndGet();
        CompletableFuture<Object> f = new CompletableFuture<>();
        Pending p = new Pending(method, f, hook);
        pending.put(id, p);
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("method", method);
        msg.put("params", params);
        msg.put("id", id);
        try {
            send(msg);
        } catch (IOException e) {
            pending.remove(id);
            f.completeExceptionally(lost(e));
            fail(e);
        }
        if (failure != null && pending.remove(id) != null) {
            f.completeExceptionally(lost(failure));
        }
        return f;
    }

    /** Forgets a request (its caller stopped waiting). */
    public void forget(CompletableFuture<Object> f) {
        pending.values().removeIf(p -> p.future() == f);
    }

    private OvsdbConnectionException lost(Throwable cause) {
        return new OvsdbConnectionException("connection to " + target
                + " lost with the request in flight; it may or may not have been applied", cause);
    }

    private void send(Map<String, Object> msg) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            Json.write(g, msg);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
        synchronized (writeLock) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void readLoop() {
        Throwable why = null;
        try (JsonParser p = JSON.createParser(new ChannelInput(channel))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Object v = Json.read(p, t);
                if (v instanceof Map<?, ?> m) {
                    handle((Map<String, Object>) m);
                } else {
                    throw new IOException("not a JSON-RPC message: " + v);
                }
            }
            why = new IOException("connection closed by " + target);
        } catch (IOException | RuntimeException e) {
            why = e;
        } finally {
            fail(why);
        }
    }

    private void handle(Map<String, Object> m) throws IOException {
        Object method = m.get("method");
        if (method != null) {
            Object id = m.get("id");
            if ("echo".equals(method) && id != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", id);
                r.put("result", m.get("params"));
                r.put("error", null);
                send(r);
            } else if (id != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", id);
                r.put("result", null);
                r.put("error", "unknown method " + method);
                send(r);
            } else {
                notifications.accept(m);
            }
            return;
        }
        Object id = m.get("id");
        Pending p = id instanceof Long l ? pending.remove(l) : null;
        if (p == null) {
            LOG.log(System.Logger.Level.DEBUG, "reply to no request in flight: {0}", id);
            return;
        }
        Object error = m.get("error");
        if (error != null) {
            String e = error instanceof Map<?, ?> em ? String.valueOf(em.get("error")) : String.valueOf(error);
            String d = error instanceof Map<?, ?> em && em.get("details") != null ? String.valueOf(em.get("details")) : null;
            p.future().completeExceptionally(new OvsdbErrorException(p.method(), e, d, -1));
            return;
        }
        Object result = m.get("result");
        if (p.hook() != null) {
            try {
                p.hook().accept(result);
            } catch (RuntimeException e) {
                p.future().completeExceptionally(e);
                return;
            }
        }
        p.future().complete(result);
    }

    /** Closes the connection; every request in flight fails. */
    public void close() {
        fail(new IOException("closed"));
    }

    private void fail(Throwable why) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = why;
        }
        try {
            channel.close();
        } catch (IOException e) {
            why.addSuppressed(e);
        }
        List<Long> keys = new ArrayList<>(pending.keySet());
        for (Long k : keys) {
            Pending p = pending.remove(k);
            if (p != null) {
                p.future().completeExceptionally(lost(why));
            }
        }
        closed.countDown();
    }

    /** @return whether the connection is gone */
    public boolean isClosed() {
        return failure != null;
    }

    /** @return why the connection ended, or {@code null} */
    public Throwable failure() {
        return failure;
    }

    /**
     * Waits until the connection is gone and its reader thread has ended. A writer's broken pipe
     * closes the session while the reader may still be handing on notifications it had parsed;
     * the join keeps those from landing in a replica rebuilt for the next connection.
     */
    public void awaitClosed() throws InterruptedException {
        closed.await();
        reader.join();
    }

    /** @return the number of requests in flight */
    public int inFlight() {
        return pending.size();
    }

    /** Reads the channel directly (Channels.newInputStream would lock out concurrent writes). */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel ch;

        ChannelInput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return ch.read(ByteBuffer.wrap(b, off, len));
        }
    }
}

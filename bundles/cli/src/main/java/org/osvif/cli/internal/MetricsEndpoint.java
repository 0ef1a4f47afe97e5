package org.osvif.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.osvif.launcher.Container;

/**
 * {@code GET /metrics} over HTTP, with the JDK's own server: a scrape endpoint needs nothing more,
 * and no HTTP library enters the container's process. Off unless {@code metrics_listen} is set in
 * {@code etc/org.osvif.runtime.cfg}; it listens only where that says, never on all addresses by
 * default. Anything but {@code GET}/{@code HEAD /metrics} is refused.
 */
final class MetricsEndpoint {

    static final String KEY = Container.RUNTIME_PID + ".metrics_listen";
    private static final System.Logger LOG = System.getLogger(MetricsEndpoint.class.getName());

    private MetricsEndpoint() {
    }

    /**
     * @param listen {@code HOST:PORT} ({@code [v6]:PORT} for IPv6)
     * @return the address
     * @throws UsageException naming the key if it is not a host and port
     */
    static InetSocketAddress parse(String listen) {
        String s = listen.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new UsageException(KEY + " = " + listen + ": expected HOST:PORT, e.g. 127.0.0.1:9178");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new UsageException(KEY + " = " + listen + ": the port must be a number from 0 to 65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageException(KEY + " = " + listen + ": unknown host " + host);
        }
    }

    /**
     * @return the running server (stop it on shutdown)
     * @throws UsageException if it cannot listen there
     */
    static HttpServer start(String listen, Metrics metrics) {
        InetSocketAddress at = parse(listen);
        HttpServer server;
        try {
            server = HttpServer.create(at, 16);
        } catch (IOException e) {
            throw new UsageException(KEY + " = " + listen + ": cannot listen there: " + e.getMessage());
        }
        server.createContext("/", ex -> serve(ex, metrics));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "osvif-metrics-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        InetSocketAddress bound = server.getAddress();
        if (!bound.getAddress().isLoopbackAddress()) {
            LOG.log(System.Logger.Level.WARNING, "metrics served beyond this host, on " + bound
                    + " (" + KEY + "): anyone who reaches it sees the plugins and their counters");
        }
        LOG.log(System.Logger.Level.INFO, "metrics at http://" + hostPort(bound) + "/metrics");
        return server;
    }

    private static String hostPort(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    private static void serve(HttpExchange ex, Metrics metrics) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!ex.getRequestURI().getPath().equals("/metrics")) {
                reply(ex, 404, "not found: the metrics are at /metrics\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(ex, 405, "method " + method + " not allowed: GET /metrics\n");
            } else {
                byte[] body = metrics.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", Metrics.CONTENT_TYPE);
                ex.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.length);
                if (!method.equals("HEAD")) {
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(body);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "metrics request failed: " + e);
        }
    }

    private static void reply(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
        }
    }
}

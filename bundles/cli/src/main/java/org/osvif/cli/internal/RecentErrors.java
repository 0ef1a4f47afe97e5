package org.osvif.cli.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** The last warnings and errors of the running container, for {@code osvif status}. */
final class RecentErrors extends Handler {

    private static final int KEPT = 10;
    private static final RecentErrors INSTANCE = new RecentErrors();
    private final Deque<Map<String, Object>> records = new ArrayDeque<>();
    private final SimpleFormatter messages = new SimpleFormatter();

    private RecentErrors() {
        setLevel(Level.WARNING);
    }

    /** Installs the handler on the root logger (once). */
    static void install() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h == INSTANCE) {
                return;
            }
        }
        root.addHandler(INSTANCE);
    }

    @Override
    public void publish(LogRecord r) {
        if (!isLoggable(r)) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Instant.ofEpochMilli(r.getMillis()).toString());
        m.put("level", r.getLevel().getName());
        m.put("logger", r.getLoggerName());
        String text = messages.formatMessage(r);
        m.put("message", text.length() > 1000 ? text.substring(0, 1000) + "..." : text);
        synchronized (records) {
            records.addLast(m);
            while (records.size() > KEPT) {
                records.removeFirst();
            }
        }
    }

    /** @return the last warnings and errors, oldest first */
    static List<Map<String, Object>> last() {
        synchronized (INSTANCE.records) {
            return new ArrayList<>(INSTANCE.records);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

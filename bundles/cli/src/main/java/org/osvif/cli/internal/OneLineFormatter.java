package org.osvif.cli.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record: {@code 2026-12-02T01:48:01.123Z INFO org.osvif.core.internal.Dispatcher
 * message}. Line breaks inside a message become a literal {@code \n}, so one record is one line
 * for grep, {@code tail} and journald. An exception is appended to the line as its
 * {@code toString()}; its stack trace follows on the next lines only when the log level is FINE
 * or finer (an operator who needs one asks for it with {@code OSVIF_LOG=FINE}).
 */
final class OneLineFormatter extends Formatter {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private final boolean stacks;

    /** @param stacks whether exceptions get their stack trace */
    OneLineFormatter(boolean stacks) {
        this.stacks = stacks;
    }

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(TIME.format(r.getInstant())).append(' ').append(r.getLevel().getName()).append(' ')
                .append(r.getLoggerName() == null ? "-" : r.getLoggerName()).append(' ');
        String message = formatMessage(r);
        sb.append(oneLine(message == null ? "" : message));
        Throwable t = r.getThrown();
        if (t != null) {
            String s = oneLine(String.valueOf(t));
            if (message == null || !message.contains(s)) {
                sb.append(": ").append(s);
            }
        }
        sb.append('\n');
        if (t != null && stacks) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            sb.append(w);
        }
        return sb.toString();
    }

    static String oneLine(String s) {
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replace("\r", "").replace("\n", "\\n");
    }
}

package org.osvif.objects;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A decoding failure on its way up: each level it passes adds its path segment, so the
 * happy path never builds path strings. {@link PrimitiveReader} turns it into the typed
 * exception at the top.
 */
final class Problem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    enum Kind { INVALID, UNSUPPORTED, INCOMPATIBLE }

    final Kind kind;
    private final Deque<String> segments = new ArrayDeque<>();

    Problem(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    Problem(String message) {
        this(Kind.INVALID, message);
    }

    Problem under(String segment) {
        segments.addFirst(segment);
        return this;
    }

    ObjectException toException() {
        StringBuilder path = new StringBuilder();
        for (String s : segments) {
            if (path.length() > 0 && !s.startsWith("[")) {
                path.append('.');
            }
            path.append(s);
        }
        switch (kind) {
            case UNSUPPORTED:
                return new UnsupportedObjectException(path.toString(), getMessage());
            case INCOMPATIBLE:
                return new IncompatibleObjectVersionException(path.toString(), getMessage());
            default:
                return new ObjectException(path.toString(), getMessage());
        }
    }
}

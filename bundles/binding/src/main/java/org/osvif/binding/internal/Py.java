package org.osvif.binding.internal;

import com.fasterxml.jackson.databind.JsonNode;

import org.osvif.binding.BindingException;
import org.osvif.objects.ObjectException;

/** The bits of Python semantics Nova's code relies on: truthiness, {@code int()}, {@code str()}. */
final class Py {

    private Py() {
    }

    /** Python's {@code bool(value)}. */
    static boolean truthy(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.doubleValue() != 0;
        }
        if (n.isTextual()) {
            return !n.textValue().isEmpty();
        }
        return n.size() > 0;
    }

    /** {@code value is not None}. */
    static boolean notNone(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    /** A string value (oslo's StringField also takes numbers and booleans, as {@code str()}). */
    static String str(JsonNode n, String path) {
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue() ? "True" : "False";
        }
        if (n.isIntegralNumber()) {
            return n.asText();
        }
        throw new BindingException(path, "expected a string, got " + n);
    }

    static String strOrNull(JsonNode n, String path) {
        return notNone(n) ? str(n, path) : null;
    }

    /** oslo's IntegerField: Python's {@code int(value)}. */
    static long integer(JsonNode n, String path) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue() ? 1 : 0;
        }
        if (n.isFloatingPointNumber()) {
            return (long) n.doubleValue();
        }
        if (n.isTextual()) {
            String t = n.textValue().strip();
            if (t.matches("[+-]?\\d+")) {
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            }
        }
        throw new BindingException(path, "expected an integer, got " + n);
    }

    /** Runs a builder call, naming the Nova field when os-vif's field refuses the value. */
    static void field(String path, Runnable set) {
        try {
            set.run();
        } catch (BindingException e) {
            throw e;
        } catch (ObjectException e) {
            String msg = e.getMessage();
            throw new BindingException(path, e.path().isEmpty() ? msg : msg.substring(e.path().length() + 2));
        }
    }
}

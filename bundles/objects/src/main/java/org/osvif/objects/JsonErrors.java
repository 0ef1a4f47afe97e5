package org.osvif.objects;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Jackson's parse errors in a user's words. Its messages name its own classes and getters
 * ({@code StreamReadConstraints.getMaxStringLength()}), embed a redacted source
 * ({@code [Source: REDACTED (`StreamReadFeature...` disabled)...]}) and, for a long string,
 * the length read so far instead of the string's length: none of which helps anyone fix input.
 */
final class JsonErrors {

    private static final Pattern SOURCE = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*\\[Source:[^\\]]*\\]");
    private static final Pattern EXPECTING_VALUE = Pattern.compile(
            ": was expecting \\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)");
    private static final Pattern CODE = Pattern.compile(" \\(code \\d+\\)");

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return limit(m);
        }
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        m = SOURCE.matcher(m).replaceAll("");
        m = EXPECTING_VALUE.matcher(m).replaceAll(" (not a JSON value)");
        m = CODE.matcher(m).replaceAll("");
        m = m.replace("end-of-input", "end of input").strip();
        if (m.isEmpty()) {
            m = "not JSON";
        }
        m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return "malformed JSON" + (column > 0 ? " at column " + column : "") + ": " + m;
    }

    /** The parser stops at a limit part-way, so only the limit itself is worth saying. */
    private static String limit(String m) {
        if (m.startsWith("String value length")) {
            return "a string value is longer than the " + (Primitives.MAX_STRING >> 20) + " MiB limit";
        }
        if (m.startsWith("Document nesting depth")) {
            return "JSON nesting deeper than the limit of " + Primitives.MAX_DEPTH + " levels";
        }
        if (m.startsWith("Number value length")) {
            return "a number longer than " + Primitives.MAX_NUMBER + " digits";
        }
        if (m.startsWith("Name length")) {
            return "a key is longer than the limit";
        }
        return "the input exceeds a size limit";
    }
}

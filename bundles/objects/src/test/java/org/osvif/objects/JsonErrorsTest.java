package org.osvif.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Parse failures are told in the user's words: no Jackson class, getter or redacted source. */
class JsonErrorsTest {

    static final String HEAD = "{\"versioned_object.name\": \"InstanceInfo\", \"versioned_object.namespace\": \"os_vif\", "
            + "\"versioned_object.version\": \"1.0\", \"versioned_object.data\": {\"name\": ";

    static String message(String json) {
        return catchThrowableOfType(() -> Primitives.fromJson(json.getBytes(StandardCharsets.UTF_8)),
                ObjectException.class).getMessage();
    }

    static void assertNoInternals(String m) {
        assertThat(m).doesNotContain("Source", "REDACTED", "StreamRead", "Constraints", "jackson", "code ");
    }

    @Test
    void aTwoMebibyteStringIsNamedByTheLimitNotByAWrongLength() {
        String m = message(HEAD + "\"" + "a".repeat(2 << 20) + "\"}}");
        assertThat(m).isEqualTo("a string value is longer than the 1 MiB limit");
        assertNoInternals(m);
    }

    @Test
    void anObjectLeftOpenSaysSoWithoutTheRedactedSource() {
        String m = message("{\"versioned_object.data\": {");
        assertThat(m).startsWith("malformed JSON at column ").contains("end of input");
        assertNoInternals(m);
        String m2 = message(HEAD + "\"vm\"");
        assertThat(m2).startsWith("malformed JSON at column ").contains("end of input");
        assertNoInternals(m2);
    }

    @Test
    void anUnknownTokenIsQuotedAndTheColumnGiven() {
        String m = message("nojson");
        assertThat(m).isEqualTo("malformed JSON at column 7: unrecognized token 'nojson' (not a JSON value)");
        String m2 = message("{\"a\" 1}");
        assertThat(m2).startsWith("malformed JSON at column 6: unexpected character ('1')");
        assertNoInternals(m2);
    }

    @Test
    void deepNestingNamesTheLimit() {
        // Data before the class name is copied whole, so nothing but the depth stops the parser.
        String m = message("{\"versioned_object.data\": " + "{\"x\": ".repeat(100) + "1" + "}".repeat(101));
        assertThat(m).isEqualTo("JSON nesting deeper than the limit of 64 levels");
    }

    @Test
    void aHugeNumberNamesTheLimit() {
        String m = message("{\"versioned_object.name\": \"FixedIP\", \"versioned_object.namespace\": \"os_vif\", "
                + "\"versioned_object.version\": \"1.0\", \"versioned_object.data\": {\"address\": " + "9".repeat(200) + "}}");
        assertThat(m).contains("a number longer than 64 digits");
    }
}

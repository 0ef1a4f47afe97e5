package org.osvif.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osvif.testsupport.JsonAssert;

/** Every line of the fixtures Python os-vif made: read, written, and backlevelled as Python does. */
class FixturesTest {

    static Stream<String> examples() {
        return JsonAssert.lines("examples.jsonl").stream().filter(l -> !l.isBlank());
    }

    static Stream<String> backlevels() {
        return JsonAssert.lines("backlevel.jsonl").stream().filter(l -> !l.isBlank());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsAFixedPointOfOurRoundTrip(String line) {
        VersionedObject o = Primitives.fromJson(line);
        assertThat(JsonAssert.parse(Primitives.toJson(o))).isEqualTo(JsonAssert.parse(line));
    }

    @ParameterizedTest
    @MethodSource("backlevels")
    void backlevelMatchesPython(String line) throws Exception {
        JsonNode c = JsonAssert.MAPPER.readTree(line);
        VersionedObject o = Primitives.fromJson(c.get("input").toString());
        Map<String, String> targets = new HashMap<>();
        c.get("target").fields().forEachRemaining(e -> targets.put(e.getKey(), e.getValue().asText()));
        if (c.get("expected").isNull()) {
            String pythonError = c.get("python_error").asText();
            String exceptionName = pythonError.substring(0, pythonError.indexOf(':'));
            assertThatThrownBy(() -> Primitives.toJson(o, targets))
                    .isInstanceOf(exceptionName.equals("InvalidTargetVersion")
                            ? InvalidTargetVersionException.class : ObjectActionException.class)
                    .hasMessageContaining(pythonError.substring(pythonError.indexOf(':') + 2)
                            .replace("Invalid target version ", "Invalid target version "));
        } else {
            assertThat(JsonAssert.parse(Primitives.toJson(o, targets)))
                    .isEqualTo(JsonAssert.normalize(c.get("expected")));
        }
    }
}

package org.osvif.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.osvif.testsupport.JsonAssert;

/**
 * Any valid object of any class round-trips through its primitive, and the decoder answers any
 * mangled input with an {@link ObjectException} and nothing else (a bounded fuzz run).
 */
class RoundTripProperties {

    @Property(tries = 2000)
    void anyValidObjectRoundTrips(@ForAll("objects") VersionedObject o) {
        String json = Primitives.toJson(o);
        VersionedObject back = Primitives.fromJson(json);
        assertThat(back).isEqualTo(o);
        assertThat(back.whatChanged()).isEqualTo(o.whatChanged());
        assertThat(Primitives.toJson(back)).isEqualTo(json);
    }

    @Provide
    Arbitrary<VersionedObject> objects() {
        return Arbitraries.randomValue(r -> RandomObjects.any(r));
    }

    @Property(tries = 3000)
    void mangledInputIsAnObjectExceptionOrAValidObject(@ForAll("mangled") byte[] input) {
        try {
            VersionedObject o = Primitives.fromJson(input);
            // Whatever is accepted must be writable and read back the same.
            assertThat(Primitives.fromJson(Primitives.toJson(o))).isEqualTo(o);
        } catch (ObjectException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<byte[]> mangled() {
        List<byte[]> seeds = new ArrayList<>();
        for (String line : JsonAssert.lines("examples.jsonl")) {
            seeds.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return Arbitraries.randomValue(r -> mangle(seeds.get(r.nextInt(seeds.size())), r));
    }

    /** Flips, deletes, duplicates and splices bytes, the way a coverage-less fuzzer mutates. */
    static byte[] mangle(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0:
                    b[at] = (byte) r.nextInt(256);
                    break;
                case 1:
                    b[at] = (byte) "{}[]\",:0123456789.-eEtrufalsn\\ ".charAt(r.nextInt(32));
                    break;
                case 2: {
                    int len = Math.min(b.length - at, 1 + r.nextInt(40));
                    byte[] cut = new byte[b.length - len];
                    System.arraycopy(b, 0, cut, 0, at);
                    System.arraycopy(b, at + len, cut, at, b.length - at - len);
                    b = cut;
                    break;
                }
                case 3: {
                    int len = Math.min(b.length - at, 1 + r.nextInt(40));
                    byte[] dup = new byte[b.length + len];
                    System.arraycopy(b, 0, dup, 0, at + len);
                    System.arraycopy(b, at, dup, at + len, b.length - at);
                    b = dup;
                    break;
                }
                default:
                    b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }
}

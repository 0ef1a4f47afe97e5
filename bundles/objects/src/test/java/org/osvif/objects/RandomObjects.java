package org.osvif.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid objects of any class, driven by the schema alone. */
final class RandomObjects {

    private static final List<ObjectType<?>> TYPES = new ArrayList<>(ObjectRegistry.types().values());

    private RandomObjects() {
    }

    static VersionedObject any(Random r) {
        return of(TYPES.get(r.nextInt(TYPES.size())), r, 0);
    }

    static VersionedObject of(ObjectType<?> type, Random r, int depth) {
        VersionedObject.Builder<?, ?> b = new GenericBuilder<>(type);
        for (Field f : type.fields()) {
            if (r.nextInt(4) == 0) {
                continue;
            }
            if (f.isNullable() && r.nextInt(5) == 0) {
                b.set(f, null);
                continue;
            }
            Object v = value(f, r, depth);
            if (v != null) {
                b.set(f, v);
            }
        }
        VersionedObject o = b.build();
        return r.nextInt(5) == 0 ? o.withChangesReset(r.nextBoolean()) : o;
    }

    private static Object value(Field f, Random r, int depth) {
        switch (f.kind()) {
            case STRING:
                return randomString(r);
            case UUID:
                return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
            case MAC_ADDRESS:
                return String.format("%02x:%02x:%02x:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256),
                        r.nextInt(256), r.nextInt(256), r.nextInt(256));
            case PCI_ADDRESS:
                return String.format("%04x:%02x:%02x.%d", r.nextInt(65536), r.nextInt(256), r.nextInt(32), r.nextInt(8));
            case IP_ADDRESS:
                return ip(r);
            case IP_NETWORK:
                return r.nextBoolean() ? ip4(r) + "/" + r.nextInt(33) : ip6(r) + "/" + r.nextInt(129);
            case BOOLEAN:
                return r.nextBoolean();
            case INTEGER:
                return r.nextBoolean() ? (long) r.nextInt(5000) : r.nextLong();
            case ENUM:
                return f.enumValues().get(r.nextInt(f.enumValues().size()));
            case IP_ADDRESS_LIST: {
                List<String> l = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    l.add(ip(r));
                }
                return l;
            }
            case OBJECT: {
                List<ObjectType<?>> ok = acceptable(f);
                return depth > 3 || ok.isEmpty() ? null : of(ok.get(r.nextInt(ok.size())), r, depth + 1);
            }
            case OBJECT_LIST: {
                List<ObjectType<?>> ok = acceptable(f);
                List<VersionedObject> l = new ArrayList<>();
                for (int i = depth > 3 ? 0 : r.nextInt(3); i > 0; i--) {
                    l.add(of(ok.get(r.nextInt(ok.size())), r, depth + 1));
                }
                return l;
            }
            default:
                throw new AssertionError(f);
        }
    }

    private static List<ObjectType<?>> acceptable(Field f) {
        List<ObjectType<?>> ok = new ArrayList<>();
        for (ObjectType<?> t : TYPES) {
            if (FieldValues.accepts(f, t)) {
                ok.add(t);
            }
        }
        return ok;
    }

    private static String ip(Random r) {
        return r.nextBoolean() ? ip4(r) : ip6(r);
    }

    private static String ip4(Random r) {
        return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    /** Canonical text, with runs of zeros so that '::' compression is exercised. */
    private static String ip6(Random r) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(65536);
        }
        return org.osvif.objects.internal.InetText.address(String.format("%x:%x:%x:%x:%x:%x:%x:%x",
                w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]));
    }

    private static String randomString(Random r) {
        String alphabet = "abcXYZ019 -_\"\\/\u00e9\u4e2d\ud83d\ude00\t\n";
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            int at = r.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A builder for any class, for tests that walk the schema. */
    static final class GenericBuilder<T extends VersionedObject> extends VersionedObject.Builder<T, GenericBuilder<T>> {
        GenericBuilder(ObjectType<T> type) {
            super(type);
        }
    }
}

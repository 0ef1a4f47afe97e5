package org.osvif.objects;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.osvif.objects.internal.FieldText;
import org.osvif.objects.internal.InetText;

/** Checks and canonicalizes a field value the way the field's oslo type coerces it. */
final class FieldValues {

    private FieldValues() {
    }

    /** The canonical form of a string-valued field, or null if the field's type refuses it. */
    static String text(Field f, String s) {
        switch (f.kind()) {
            case STRING:
                return s;
            case UUID:
                return FieldText.isUuid(s) ? s : null;
            case MAC_ADDRESS:
                return FieldText.mac(s);
            case PCI_ADDRESS:
                return FieldText.pci(s);
            case IP_ADDRESS:
            case IP_ADDRESS_LIST:
                return InetText.address(s);
            case IP_NETWORK:
                return InetText.network(s);
            case ENUM:
                return f.enumValues().contains(s) ? s : null;
            default:
                return null;
        }
    }

    /** What a refused string value is not, for the error message. */
    static String expected(Field f) {
        switch (f.kind()) {
            case UUID:
                return "a UUID";
            case MAC_ADDRESS:
                return "a MAC address";
            case PCI_ADDRESS:
                return "a PCI address";
            case IP_ADDRESS:
            case IP_ADDRESS_LIST:
                return "an IP address";
            case IP_NETWORK:
                return "an IP network (CIDR)";
            case ENUM:
                return "one of " + f.enumValues();
            case BOOLEAN:
                return "a boolean";
            case INTEGER:
                return "an integer";
            case OBJECT:
                return "a " + f.objectName() + " object";
            case OBJECT_LIST:
                return "a list of " + f.objectName() + " objects";
            default:
                return "a string";
        }
    }

    /** Java-side coercion for builders: returns the value to store or throws naming the field. */
    static Object coerce(ObjectType<?> owner, Field f, Object v) {
        String path = owner.name() + "." + f.name();
        if (v == null) {
            if (f.isNullable()) {
                return null;
            }
            if (f.defaultValue() != null) {
                return f.defaultValue();
            }
            throw new ObjectException(path, "Field `" + f.name() + "' cannot be None");
        }
        switch (f.kind()) {
            case BOOLEAN:
                if (v instanceof Boolean) {
                    return v;
                }
                break;
            case INTEGER:
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ((Number) v).longValue();
                }
                break;
            case OBJECT:
                if (v instanceof VersionedObject && accepts(f, ((VersionedObject) v).type())) {
                    return v;
                }
                break;
            case OBJECT_LIST:
            case IP_ADDRESS_LIST:
                if (v instanceof List) {
                    List<Object> out = new ArrayList<>();
                    for (Object e : (List<?>) v) {
                        Object c = f.kind() == FieldKind.OBJECT_LIST ? coerceElement(f, e) : textOrNull(f, e);
                        if (c == null) {
                            throw new ObjectException(path + "[" + out.size() + "]",
                                    describe(e) + " is not " + expected(f));
                        }
                        out.add(c);
                    }
                    return Collections.unmodifiableList(out);
                }
                break;
            default:
                Object s = textOrNull(f, v instanceof Enum<?> ? v.toString() : v);
                if (s != null) {
                    return s;
                }
        }
        throw new ObjectException(path, describe(v) + " is not " + expected(f));
    }

    private static Object coerceElement(Field f, Object e) {
        if (e instanceof VersionedObject && accepts(f, ((VersionedObject) e).type())) {
            return e;
        }
        return null;
    }

    private static String textOrNull(Field f, Object v) {
        return v instanceof String ? text(f, (String) v) : null;
    }

    /** oslo's {@code Object.coerce}: the exact class, or a subclass where the field allows it. */
    static boolean accepts(Field f, ObjectType<?> t) {
        if (t.name().equals(f.objectName())) {
            return true;
        }
        if (!f.allowsSubclasses()) {
            return false;
        }
        ObjectType<?> wanted = ObjectRegistry.type(f.objectName());
        return wanted != null && t.isA(wanted);
    }

    static String describe(Object v) {
        if (v instanceof String) {
            String s = (String) v;
            return "'" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "'";
        }
        if (v instanceof VersionedObject) {
            return "a " + ((VersionedObject) v).type().name();
        }
        return String.valueOf(v);
    }
}

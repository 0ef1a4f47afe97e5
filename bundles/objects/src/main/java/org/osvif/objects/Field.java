package org.osvif.objects;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * One field of an os-vif object: its wire name, type, nullability, default and, for object
 * fields, the class it holds. Declared once per class; the codec, validation, backlevelling and
 * the fingerprint all read it.
 */
public final class Field {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final String UNSPECIFIED = "<class 'oslo_versionedobjects.fields.UnspecifiedDefault'>";

    final int id;
    private final String name;
    private final FieldKind kind;
    private final boolean nullable;
    private final Object defaultValue;
    private final String objectName;
    private final boolean subclasses;
    private final String enumTypeName;
    private final List<String> enumValues;
    final SerializableString jsonName;

    private Field(String name, FieldKind kind, boolean nullable, Object defaultValue, String objectName,
            boolean subclasses, String enumTypeName, List<String> enumValues) {
        this.id = IDS.getAndIncrement();
        this.name = name;
        this.kind = kind;
        this.nullable = nullable;
        this.defaultValue = defaultValue;
        this.objectName = objectName;
        this.subclasses = subclasses;
        this.enumTypeName = enumTypeName;
        this.enumValues = enumValues;
        this.jsonName = new SerializedString(name);
    }

    static Field of(String name, FieldKind kind) {
        return new Field(name, kind, false, null, null, false, null, null);
    }

    static Field object(String name, String objectName) {
        return new Field(name, FieldKind.OBJECT, false, null, objectName, false, null, null);
    }

    static Field objectList(String name, String objectName) {
        return new Field(name, FieldKind.OBJECT_LIST, false, null, objectName, false, null, null);
    }

    static Field enumeration(String name, String typeName, List<String> values) {
        return new Field(name, FieldKind.ENUM, false, null, null, false, typeName, List.copyOf(values));
    }

    Field nullable() {
        return new Field(name, kind, true, defaultValue, objectName, subclasses, enumTypeName, enumValues);
    }

    Field withDefault(Object value) {
        return new Field(name, kind, nullable, value, objectName, subclasses, enumTypeName, enumValues);
    }

    Field subclasses() {
        return new Field(name, kind, nullable, defaultValue, objectName, true, enumTypeName, enumValues);
    }

    /** @return the wire name, e.g. {@code vif_name} */
    public String name() {
        return name;
    }

    /** @return the field's type */
    public FieldKind kind() {
        return kind;
    }

    /** @return whether {@code null} (Python's None) is a value */
    public boolean isNullable() {
        return nullable;
    }

    /** @return the default os-vif declares, or {@code null} where it declares none */
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return for object fields, the class name the field holds; otherwise {@code null} */
    public String objectName() {
        return objectName;
    }

    /** @return for object fields, whether subclasses of {@link #objectName()} are allowed */
    public boolean allowsSubclasses() {
        return subclasses;
    }

    /** @return for enum fields, the allowed values in os-vif's order; otherwise an empty list */
    public List<String> enumValues() {
        return enumValues == null ? List.of() : enumValues;
    }

    /** oslo's {@code repr(field)}, which the object fingerprint hashes. */
    String repr() {
        String def = defaultValue == null ? UNSPECIFIED : pythonRepr(defaultValue);
        String py = nullable ? "True" : "False";
        if (kind == FieldKind.ENUM) {
            StringBuilder values = new StringBuilder("(");
            for (int i = 0; i < enumValues.size(); i++) {
                values.append(i == 0 ? "" : ", ").append('\'').append(enumValues.get(i)).append('\'');
            }
            values.append(enumValues.size() == 1 ? ",)" : ")");
            return enumTypeName + "(default=" + def + ",nullable=" + py + ",valid_values=" + values + ")";
        }
        return kind.osloName() + "(default=" + def + ",nullable=" + py + ")";
    }

    private static String pythonRepr(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return name + ": " + repr();
    }
}

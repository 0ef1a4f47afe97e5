package org.osvif.objects;

/** The oslo.versionedobjects field types os-vif uses; the name is oslo's, as the fingerprint shows it. */
public enum FieldKind {
    /** {@code StringField}: text. */
    STRING("String"),
    /** {@code UUIDField}: a UUID, kept as written. */
    UUID("UUID"),
    /** {@code MACAddressField}: lower-case colon form. */
    MAC_ADDRESS("MACAddress"),
    /** {@code PCIAddressField}: {@code dddd:bb:ss.f}, lower case. */
    PCI_ADDRESS("PCIAddress"),
    /** {@code IPAddressField}: netaddr's canonical text. */
    IP_ADDRESS("IPAddress"),
    /** {@code IPNetworkField}: netaddr's canonical {@code address/prefix}, host bits kept. */
    IP_NETWORK("IPNetwork"),
    /** {@code BooleanField}. */
    BOOLEAN("Boolean"),
    /** {@code IntegerField}, held as a {@code Long}. */
    INTEGER("Integer"),
    /** An os-vif enum field; the oslo type name is the field's own. */
    ENUM(null),
    /** {@code ObjectField}: one nested object. */
    OBJECT("Object"),
    /** {@code ListOfIPAddressField}: a list of addresses. */
    IP_ADDRESS_LIST("List"),
    /** {@code ListOfObjectsField}: a plain JSON list of nested objects. */
    OBJECT_LIST("List");

    private final String osloName;

    FieldKind(String osloName) {
        this.osloName = osloName;
    }

    String osloName() {
        return osloName;
    }

    boolean holdsObjects() {
        return this == OBJECT || this == OBJECT_LIST;
    }
}

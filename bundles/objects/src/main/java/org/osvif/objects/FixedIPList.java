package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code FixedIPList}: A list of {@link FixedIP}.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class FixedIPList extends VersionedObject {

    /** {@code objects}. */
    public static final Field OBJECTS = Field.objectList("objects", "FixedIP");

    /** The schema of {@code FixedIPList}. */
    public static final ObjectType<FixedIPList> TYPE = ObjectType.builder("FixedIPList", "1.0", FixedIPList::new)
            .fields(OBJECTS)
            .listType()
            .build();

    FixedIPList(ObjectState state) {
        super(state);
    }

    /** @return {@code objects}, its default or {@code null} when unset */
    public List<FixedIP> objects() {
        return list(OBJECTS);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param objects the elements
     * @return a list object holding them
     */
    public static FixedIPList of(List<FixedIP> objects) {
        return builder().objects(objects).build();
    }

    /** Builds {@code FixedIPList}. */
    public static final class Builder extends VersionedObject.Builder<FixedIPList, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code objects}
         * @return this builder
         */
        public Builder objects(List<FixedIP> value) {
            return set(OBJECTS, value);
        }
    }
}

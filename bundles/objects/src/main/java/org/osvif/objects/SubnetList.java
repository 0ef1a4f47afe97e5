package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code SubnetList}: A list of {@link Subnet}.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class SubnetList extends VersionedObject {

    /** {@code objects}. */
    public static final Field OBJECTS = Field.objectList("objects", "Subnet");

    /** The schema of {@code SubnetList}. */
    public static final ObjectType<SubnetList> TYPE = ObjectType.builder("SubnetList", "1.0", SubnetList::new)
            .fields(OBJECTS)
            .listType()
            .build();

    SubnetList(ObjectState state) {
        super(state);
    }

    /** @return {@code objects}, its default or {@code null} when unset */
    public List<Subnet> objects() {
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
    public static SubnetList of(List<Subnet> objects) {
        return builder().objects(objects).build();
    }

    /** Builds {@code SubnetList}. */
    public static final class Builder extends VersionedObject.Builder<SubnetList, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code objects}
         * @return this builder
         */
        public Builder objects(List<Subnet> value) {
            return set(OBJECTS, value);
        }
    }
}

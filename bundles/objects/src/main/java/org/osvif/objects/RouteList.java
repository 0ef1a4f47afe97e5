package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code RouteList}: A list of {@link Route}.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class RouteList extends VersionedObject {

    /** {@code objects}. */
    public static final Field OBJECTS = Field.objectList("objects", "Route");

    /** The schema of {@code RouteList}. */
    public static final ObjectType<RouteList> TYPE = ObjectType.builder("RouteList", "1.0", RouteList::new)
            .fields(OBJECTS)
            .listType()
            .build();

    RouteList(ObjectState state) {
        super(state);
    }

    /** @return {@code objects}, its default or {@code null} when unset */
    public List<Route> objects() {
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
    public static RouteList of(List<Route> objects) {
        return builder().objects(objects).build();
    }

    /** Builds {@code RouteList}. */
    public static final class Builder extends VersionedObject.Builder<RouteList, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code objects}
         * @return this builder
         */
        public Builder objects(List<Route> value) {
            return set(OBJECTS, value);
        }
    }
}

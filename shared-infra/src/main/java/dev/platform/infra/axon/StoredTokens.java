package dev.platform.infra.axon;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/** A tracking token as Axon's JDBC token store keeps it in {@code token_entry} ({@code token}, {@code token_type}). */
public final class StoredTokens {

    private StoredTokens() {}

    /** The token of a {@code token_entry} row; null for a row without one (a segment that has not started). */
    public static TrackingToken decode(Serializer serializer, byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }
}

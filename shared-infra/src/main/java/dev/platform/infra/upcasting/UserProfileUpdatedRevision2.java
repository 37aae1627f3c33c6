package dev.platform.infra.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code UserProfileUpdated} without a revision to revision 2. The first shape held the username and the bio
 * after the change, whichever of them the update had set, so an audit could not tell what the user did. Revision
 * 2 names the fields the update set in {@code changed} and holds values for those only. An old event recorded
 * both values, so it is read as having set both: {@code changed = ["username", "bio"]}, values untouched. Its
 * consumers then apply it exactly as before.
 */
final class UserProfileUpdatedRevision2 extends SingleEventUpcaster {

    /** The stored name (a string: upcasters deal with what is in the table, whatever the class is called now). */
    static final String TYPE = "dev.platform.api.user.UserProfileUpdated";

    private static final SimpleSerializedType FROM = new SimpleSerializedType(TYPE, null);
    private static final SimpleSerializedType TO = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return FROM.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(TO, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            upcast.putArray("changed").add("username").add("bio");
            return upcast;
        });
    }
}

package dev.platform.infra.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Opens the personal fields of user events on every read of the event store: aggregates, processors (live and in a
 * rebuild), the audit feed, a post's history and {@code ?as_of} all read through the configuration's upcaster
 * chain, so each sees clear values, or {@code null} and the marker once the user is erased. Both stored shapes
 * read: sealed fields (written since encryption) and clear ones (written before, until the migration rewrites
 * them). The type and revision stay as they are: the last step of the chain, after every shape change.
 */
public final class PersonalDataUpcaster extends SingleEventUpcaster {

    private final PersonalFields fields;

    public PersonalDataUpcaster(PersonalFields fields) {
        this.fields = fields;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return PersonalFields.holdsPersonalData(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        return representation.upcastPayload(
                representation.getType(),
                JsonNode.class,
                payload -> payload instanceof ObjectNode object ? fields.open(type, object) : payload);
    }
}

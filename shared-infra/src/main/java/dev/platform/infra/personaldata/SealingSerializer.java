package dev.platform.infra.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's one serializer with the personal fields of user events sealed on the way in: whatever Axon stores (the
 * event store, a dead letter) holds them encrypted with the user's key. On the way out a payload that still has
 * sealed fields is opened (the event store's reads are opened earlier, by {@link PersonalDataUpcaster}; a dead
 * letter is deserialized without the upcaster chain). Everything else passes through to the delegate unchanged.
 */
public final class SealingSerializer extends JacksonSerializer {

    private final PersonalFields fields;

    /** Jackson as {@code builder} sets it up (a subclass, so that code reading its mapper keeps working). */
    public SealingSerializer(JacksonSerializer.Builder builder, PersonalFields fields) {
        super(builder);
        this.fields = fields;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null
                || !PersonalFields.holdsPersonalData(object.getClass().getName())) {
            return super.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> clear = super.serialize(object, JsonNode.class);
        ObjectNode sealed = fields.seal(object.getClass().getName(), (ObjectNode) clear.getData());
        return new SimpleSerializedObject<>(
                getConverter().convert(sealed, JsonNode.class, expectedRepresentation),
                expectedRepresentation,
                clear.getType());
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        String type = serializedObject.getType().getName();
        if (PersonalFields.holdsPersonalData(type)) {
            JsonNode payload = getConverter()
                    .convert(serializedObject.getData(), serializedObject.getContentType(), JsonNode.class);
            if (payload instanceof ObjectNode object && PersonalFields.hasSealedField(type, object)) {
                return super.deserialize(new SimpleSerializedObject<>(
                        fields.open(type, object), JsonNode.class, serializedObject.getType()));
            }
        }
        return super.deserialize(serializedObject);
    }
}

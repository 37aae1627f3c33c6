package dev.platform.infra.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.platform.api.user.ProfileField;
import dev.platform.api.user.UserId;
import dev.platform.api.user.UserProfileUpdated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class UserProfileUpdatedRevision2Test {

    private static final UserId ID = new UserId(UUID.fromString("7d1e2c3a-0000-4000-8000-000000000001"));
    private static final Instant AT = Instant.parse("2026-11-25T11:00:00.000Z");

    /** Configured as the platform's own Axon serializer (fields, ISO instants, unknown properties tolerated). */
    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                    .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();

    private final EventUpcasterChain chain = new EventUpcasterChain(new UserProfileUpdatedRevision2());

    @Test
    void anEventWithoutRevisionIsReadAsHavingSetBothFields() {
        String stored =
                "{\"userId\":\"" + ID + "\",\"username\":\"alice2\",\"bio\":\"my bio\",\"updatedAt\":\"" + AT + "\"}";

        List<IntermediateEventRepresentation> upcast = upcast(stored, null);

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        assertThat(deserialize(upcast.get(0)))
                .isEqualTo(new UserProfileUpdated(
                        ID, Set.of(ProfileField.USERNAME, ProfileField.BIO), "alice2", "my bio", AT));
    }

    @Test
    void anEventWithoutRevisionKeepsAClearedBio() {
        String stored = "{\"userId\":\"" + ID + "\",\"username\":\"alice\",\"bio\":null,\"updatedAt\":\"" + AT + "\"}";

        UserProfileUpdated event = deserialize(upcast(stored, null).get(0));

        assertThat(event.changed()).containsExactly(ProfileField.USERNAME, ProfileField.BIO);
        assertThat(event.username()).isEqualTo("alice");
        assertThat(event.bio()).isNull();
    }

    @Test
    void anEventOfRevision2IsLeftAsItIs() {
        UserProfileUpdated current = new UserProfileUpdated(ID, Set.of(ProfileField.BIO), null, "hello", AT);
        String stored = new String(serializer.serialize(current, byte[].class).getData(), StandardCharsets.UTF_8);

        List<IntermediateEventRepresentation> upcast = upcast(stored, "2");

        assertThat(stored).contains("\"changed\":[\"bio\"]");
        assertThat(deserialize(upcast.get(0))).isEqualTo(current);
    }

    @Test
    void withoutTheUpcasterAnOldEventIsRefusedRatherThanMisread() {
        String stored =
                "{\"userId\":\"" + ID + "\",\"username\":\"alice2\",\"bio\":\"my bio\",\"updatedAt\":\"" + AT + "\"}";
        InitialEventRepresentation raw = representation(stored, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deserialize(raw))
                .hasRootCauseInstanceOf(NullPointerException.class);
    }

    private List<IntermediateEventRepresentation> upcast(String json, String revision) {
        return chain.upcast(Stream.of(representation(json, revision))).toList();
    }

    private InitialEventRepresentation representation(String json, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                "User",
                ID.toString(),
                1,
                UUID.randomUUID().toString(),
                AT.toString(),
                UserProfileUpdatedRevision2.TYPE,
                revision,
                json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }

    private UserProfileUpdated deserialize(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        byte[] data = representation.getData(byte[].class).getData();
        return serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type));
    }
}

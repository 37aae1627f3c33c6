package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.subscription.CancelledVia;
import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

/** The stored form of {@link SubscriptionCancelled} through the platform's event serializer, old and new. */
class SubscriptionCancelledFormatTest {

    private final Serializer serializer = SerializerConfiguration.jackson().build();
    private final UserId reader = new UserId(UUID.fromString("3f2c1f9e-8f7a-4a55-9a4e-0c8d3b1e2a10"));
    private final UserId creator = new UserId(UUID.fromString("7d3f3b8e-6a4c-4a8e-9d5e-2f1c0b9a8e71"));
    private final SubscriptionId id = SubscriptionId.forPair(reader, creator);

    private SubscriptionCancelled read(String json) {
        return serializer.deserialize(new SimpleSerializedObject<>(
                json.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(SubscriptionCancelled.class.getName(), null)));
    }

    @Test
    void anEventStoredBeforeViaExistedReadsAsCancelledThroughTheApi() {
        SubscriptionCancelled old = read("{\"subscriptionId\":\"" + id + "\",\"subscriberId\":\"" + reader
                + "\",\"creatorId\":\"" + creator + "\",\"cancelledAt\":\"2026-11-25T18:51:51.123Z\"}");

        assertThat(old.via()).isEqualTo(CancelledVia.API);
        assertThat(old.subscriberId()).isEqualTo(reader);
        assertThat(old.cancelledAt()).isEqualTo(Instant.parse("2026-11-25T18:51:51.123Z"));
    }

    @Test
    void viaIsStoredAsItsNameAndReadBack() {
        SubscriptionCancelled event = new SubscriptionCancelled(
                id, reader, creator, Instant.parse("2026-11-25T18:51:51.123Z"), CancelledVia.EMAIL_LINK);
        byte[] stored = serializer.serialize(event, byte[].class).getData();

        assertThat(new String(stored, StandardCharsets.UTF_8)).contains("\"via\":\"email_link\"");
        assertThat(read(new String(stored, StandardCharsets.UTF_8))).isEqualTo(event);
    }
}

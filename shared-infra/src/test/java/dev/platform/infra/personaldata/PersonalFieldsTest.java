package dev.platform.infra.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sealing and opening the personal fields of an event's JSON, against keys held in memory. */
class PersonalFieldsTest {

    private static final String REGISTERED = "dev.platform.api.user.UserRegistered";
    private static final String USER = "3f2c1f9e-8f7a-4a55-9a4e-0c8d3b1e2a10";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryKeys keys = new InMemoryKeys();
    private final PersonalFields fields = new PersonalFields(keys);

    private static ObjectNode registered() throws Exception {
        return (ObjectNode) JSON.readTree("{\"userId\":\"" + USER + "\",\"email\":\"ada@example.com\","
                + "\"username\":\"ada\",\"role\":\"reader\",\"registeredAt\":\"2026-01-02T03:04:05Z\"}");
    }

    @Test
    void sealsThePersonalFieldsOnlyAndOpensThemAgain() throws Exception {
        ObjectNode sealed = fields.seal(REGISTERED, registered());

        assertThat(sealed.toString()).doesNotContain("ada@example.com").doesNotContain("\"ada\"");
        assertThat(sealed.path("email").path("key").asText()).isEqualTo("k1");
        assertThat(sealed.path("role").asText()).isEqualTo("reader");
        assertThat(fields.open(REGISTERED, sealed)).isEqualTo(registered());
        assertThat(PersonalFields.hasClearField(REGISTERED, sealed)).isFalse();
    }

    @Test
    void readsTheClearShapeOfEventsStoredBeforeEncryption() throws Exception {
        assertThat(fields.open(REGISTERED, registered())).isEqualTo(registered());
    }

    @Test
    void anErasedUsersFieldsReadAsNullWithTheMarkerWhateverTheirShape() throws Exception {
        ObjectNode sealed = fields.seal(REGISTERED, registered());
        keys.erase(UUID.fromString(USER), UUID.fromString(USER), Instant.EPOCH);

        for (ObjectNode stored : new ObjectNode[] {sealed, registered()}) {
            ObjectNode read = fields.open(REGISTERED, stored);
            assertThat(read.path("email").isNull()).isTrue();
            assertThat(read.path("username").isNull()).isTrue();
            assertThat(read.path("personalData").asText()).isEqualTo("erased");
            assertThat(read.path("userId").asText()).isEqualTo(USER);
        }
        // No key is ever made again: a late write stores nulls.
        assertThat(fields.seal(REGISTERED, registered()).path("email").isNull()).isTrue();
    }

    @Test
    void aSealedFieldWithoutItsKeyIsAnErrorNotAnErasure() throws Exception {
        ObjectNode sealed = fields.seal(REGISTERED, registered());
        keys.forget(UUID.fromString(USER));

        assertThatThrownBy(() -> fields.open(REGISTERED, sealed)).isInstanceOf(IllegalStateException.class);
    }

    /** The key table in memory. */
    private static final class InMemoryKeys extends PersonalDataKeys {
        private final Map<UUID, State> states = new HashMap<>();
        private int made;

        InMemoryKeys() {
            super(null);
        }

        @Override
        State state(UUID userId) {
            return states.getOrDefault(userId, new Absent());
        }

        @Override
        Optional<Active> sealingKey(UUID userId) {
            State state = states.computeIfAbsent(userId, id -> {
                byte[] secret = new byte[32];
                secret[0] = (byte) ++made;
                return new Active("k" + made, secret);
            });
            return state instanceof Active active ? Optional.of(active) : Optional.empty();
        }

        @Override
        public boolean erase(UUID userId, UUID erasedBy, Instant at) {
            states.put(userId, new Erased(at));
            return true;
        }

        void forget(UUID userId) {
            states.remove(userId);
        }
    }
}

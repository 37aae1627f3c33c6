package dev.platform.api.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.user.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriptionIdTest {

    private static final UserId READER = UserId.of("11111111-1111-1111-1111-111111111111");
    private static final UserId CREATOR = UserId.of("22222222-2222-2222-2222-222222222222");

    @Test
    void thePairAlwaysGivesTheSameId() {
        assertThat(SubscriptionId.forPair(READER, CREATOR)).isEqualTo(SubscriptionId.forPair(READER, CREATOR));
        // Fixed forever: subscriptions already in the event store are addressed by it.
        assertThat(SubscriptionId.forPair(READER, CREATOR).toString())
                .isEqualTo("51956d1f-522d-3ba4-bb60-284d4760d909");
    }

    @Test
    void theDirectionOfThePairMatters() {
        assertThat(SubscriptionId.forPair(READER, CREATOR)).isNotEqualTo(SubscriptionId.forPair(CREATOR, READER));
    }

    @Test
    void commandsTargetThePairsId() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(new Subscribe(READER, CREATOR, at).subscriptionId())
                .isEqualTo(SubscriptionId.forPair(READER, CREATOR));
        assertThat(new Unsubscribe(READER, CREATOR, at).subscriptionId())
                .isEqualTo(SubscriptionId.forPair(READER, CREATOR));
    }

    @Test
    void parsingAcceptsOnlyCanonicalUuids() {
        String raw = SubscriptionId.forPair(READER, CREATOR).toString();
        assertThat(SubscriptionId.of(raw).toString()).isEqualTo(raw);
        assertThatThrownBy(() -> SubscriptionId.of("1-1-1-1-1")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** The position of an event applied inline is read once, and only when asked for; copies with other metadata share it. */
class InlineEventMessageTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final InlineEventMessage<String> event =
            InlineEventMessage.of(new GenericDomainEventMessage<>("Post", "post-1", 3, "created"), () -> {
                reads.incrementAndGet();
                return GapAwareTrackingToken.newInstance(42, List.of());
            });

    @Test
    void thePositionIsReadAtTheFirstAskAndKept() {
        assertThat(event.getAggregateIdentifier()).isEqualTo("post-1");
        assertThat(event.getSequenceNumber()).isEqualTo(3);
        assertThat(event.getPayload()).isEqualTo("created");
        assertThat(reads).hasValue(0);
        assertThat(event.positionRead()).isFalse();

        TrackingToken token = event.trackingToken();
        assertThat(token.position()).hasValue(42);
        assertThat(event.trackingToken()).isSameAs(token);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aCopyWithOtherMetadataIsStillLazyAndSharesTheRead() {
        InlineEventMessage<String> copy = event.andMetaData(Map.of("requestId", "r-1"));
        InlineEventMessage<String> replaced = event.withMetaData(Map.of("other", "x"));
        assertThat(copy.getMetaData()).containsEntry("requestId", "r-1");
        assertThat(replaced.getMetaData()).containsOnlyKeys("other");
        assertThat(copy.getIdentifier()).isEqualTo(event.getIdentifier());
        assertThat(copy.getTimestamp()).isEqualTo(event.getTimestamp());
        assertThat(reads).hasValue(0);

        assertThat(copy.trackingToken().position()).hasValue(42);
        assertThat(replaced.trackingToken().position()).hasValue(42);
        assertThat(event.trackingToken().position()).hasValue(42);
        assertThat(reads).hasValue(1);
    }
}

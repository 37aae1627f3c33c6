package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/** When a streaming processor passes over an event its group applied inline, and when it must not. */
class InlineProjectionsTest {

    private static final TrackingToken AT_7 = GapAwareTrackingToken.newInstance(7, Set.of());

    @Test
    void aGroupNamedInTheEventsMetadataPassesOverItAndNoOtherGroupDoes() {
        EventMessage<?> event = tracked(AT_7, "posts,users");

        assertThat(InlineProjections.passesOver("posts", event)).isTrue();
        assertThat(InlineProjections.passesOver("users", event)).isTrue();
        assertThat(InlineProjections.passesOver("comments", event)).isFalse();
        assertThat(InlineProjections.passesOver("post", event)).isFalse();
        assertThat(InlineProjections.passesOver("posts", tracked(AT_7, null))).isFalse();
    }

    @Test
    void aGroupIsNamedOnlyAsAWholeNameInTheList() {
        assertThat(InlineProjections.names("posts,users,comments", "users")).isTrue();
        assertThat(InlineProjections.names("posts,users,comments", "comments")).isTrue();
        assertThat(InlineProjections.names("posts", "posts")).isTrue();
        assertThat(InlineProjections.names("posts,users", "user")).isFalse();
        assertThat(InlineProjections.names("posts,users", "sts")).isFalse();
        assertThat(InlineProjections.names("my-posts,posts-old", "posts")).isFalse();
        assertThat(InlineProjections.names("my-posts,posts", "posts")).isTrue();
        assertThat(InlineProjections.names("", "posts")).isFalse();
    }

    @Test
    void aReplayTakesEveryEvent() {
        TrackingToken replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(9, Set.of()), AT_7);

        assertThat(InlineProjections.passesOver("posts", tracked(replay, "posts")))
                .isFalse();
    }

    @Test
    void theRetryOfADeadLetterTakesTheEvent() {
        EventMessage<?> event = tracked(AT_7, "posts");
        UnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(event);
        try {
            retry.resources().put(DeadLetter.class.getName(), "the letter");
            assertThat(InlineProjections.passesOver("posts", event)).isFalse();
        } finally {
            retry.rollback();
        }
        assertThat(InlineProjections.passesOver("posts", event)).isTrue();
    }

    private static EventMessage<?> tracked(TrackingToken token, String appliedInline) {
        EventMessage<String> event = GenericEventMessage.asEventMessage("payload");
        if (appliedInline != null) {
            event = event.andMetaData(Map.of(InlineProjections.APPLIED_INLINE, appliedInline));
        }
        return new GenericTrackedEventMessage<>(token, event);
    }
}

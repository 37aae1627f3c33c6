package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.notification.DeliveriesReplayed;
import dev.platform.api.notification.RecipientsSelected;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.junit.jupiter.api.Test;

/**
 * The saga processor's sequences: the events of one post are handled in order, so the saga that a publication
 * starts exists before that publication's {@code RecipientsSelected} (an event of no aggregate) reaches it.
 */
class NotificationSequencingTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000a001"));
    private static final PostId OTHER = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000a002"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000c001"));

    private final SequencingPolicy<EventMessage<?>> policy = new NotificationSequencing().notificationSagaSequencing();

    private Object sequenceOf(Object payload) {
        return policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(payload));
    }

    private Object sequenceOfPublication(PostId post) {
        return policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>(
                "Post", post.toString(), 1, new PostPublished(post, CREATOR, "T", "C", AT)));
    }

    @Test
    void aPublicationItsSelectionAndAReplayOfThePostShareOneSequence() {
        Object publication = sequenceOfPublication(POST);

        assertThat(publication).isNotNull();
        assertThat(sequenceOf(new RecipientsSelected(POST, AT, 3))).isEqualTo(publication);
        assertThat(sequenceOf(new DeliveriesReplayed(POST, 1))).isEqualTo(publication);
    }

    @Test
    void anotherPostsEventsAreInAnotherSequence() {
        assertThat(sequenceOf(new RecipientsSelected(OTHER, AT, 3))).isNotEqualTo(sequenceOfPublication(POST));
        assertThat(sequenceOf(new DeliveriesReplayed(OTHER, 1))).isNotEqualTo(sequenceOfPublication(POST));
    }
}

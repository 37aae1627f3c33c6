package dev.platform.infra.axon;

import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;

/**
 * An event applied inline ({@link InlineProjections}), as a streaming processor would hand it over: a tracked event
 * whose position in the store is read only when something asks for it. The position is the one thing of a tracked
 * event the store does not tell its appender (Axon's append returns no {@code global_index}); reading it back is a
 * round trip per event that most projection handlers do not need (of the inline ones only the comments' takes a
 * {@link TrackingToken}; none is replay aware), while a dead letter of the event records it. So it is read at the
 * first {@link #trackingToken()}, in the calling thread (the write's transaction, when asked during the write), and
 * kept.
 */
final class InlineEventMessage<T> extends GenericTrackedDomainEventMessage<T> {

    private final transient Supplier<TrackingToken> position;
    private volatile TrackingToken token;

    private InlineEventMessage(DomainEventMessage<T> event, Supplier<TrackingToken> position) {
        super(null, event);
        this.position = position;
    }

    static <T> InlineEventMessage<T> of(DomainEventMessage<T> event, Supplier<TrackingToken> position) {
        return new InlineEventMessage<>(event, position);
    }

    @Override
    public TrackingToken trackingToken() {
        TrackingToken known = token;
        if (known == null) {
            known = position.get();
            token = known;
        }
        return known;
    }

    /** Whether the position has been read (tests). */
    boolean positionRead() {
        return token != null;
    }

    @Override
    public InlineEventMessage<T> withMetaData(Map<String, ?> metaData) {
        return new InlineEventMessage<>(withDelegate(getDelegate().withMetaData(metaData)), this::trackingToken);
    }

    @Override
    public InlineEventMessage<T> andMetaData(Map<String, ?> metaData) {
        return new InlineEventMessage<>(withDelegate(getDelegate().andMetaData(metaData)), this::trackingToken);
    }

    private DomainEventMessage<T> withDelegate(Message<T> delegate) {
        return new GenericDomainEventMessage<>(
                getType(), getAggregateIdentifier(), getSequenceNumber(), delegate, getTimestamp());
    }
}

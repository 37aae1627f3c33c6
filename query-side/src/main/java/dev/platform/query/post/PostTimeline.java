package dev.platform.query.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostEvent;
import dev.platform.api.post.PostId;
import dev.platform.query.audit.EventLog;
import dev.platform.query.audit.StoredEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.stereotype.Component;

/**
 * A post as it stood at an instant, folded from its events in the event store (upcast, then read into the event
 * records with the event serializer's mapper) by the projection's own fold ({@link PostFold}), streamed: however
 * many events the post has, the fold holds its current state and the few rows of the cursor
 * ({@link EventLog#readAggregate}), and reads no further than the first event after the instant. An event belongs
 * to the past of an instant when the instant its write reports ({@code created_at}, {@code updated_at},
 * {@code published_at}, the unpublication's instant: the folded post's {@code updatedAt}) is at or before it; the
 * fold stops at the first event after it, so the answer is always a state the post really had.
 */
@Component
class PostTimeline {

    /** Every post event by the type name the event store gives it: the whole sealed family, so none is missed. */
    private static final Map<String, Class<? extends PostEvent>> TYPES = Arrays.stream(
                    PostEvent.class.getPermittedSubclasses())
            .map(type -> type.asSubclass(PostEvent.class))
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final EventLog events;
    private final ObjectMapper mapper;

    PostTimeline(EventLog events, Serializer serializer) {
        this.events = events;
        this.mapper = ((JacksonSerializer) serializer).getObjectMapper();
    }

    /** The post as it was: title, content, status and the instants; empty when it did not exist yet. */
    Optional<FoldedPost> asOf(PostId id, Instant instant) {
        // Only the state so far is kept: the events stream past it, and the first one after the instant ends the read.
        AtomicReference<FoldedPost> state = new AtomicReference<>();
        events.readAggregate(id.value().toString(), stored -> {
            Optional<PostEvent> event = read(stored);
            FoldedPost before = state.get();
            if (before == null && !(event.orElse(null) instanceof PostCreated)) {
                return false; // not a post's stream: it starts with no PostCreated
            }
            FoldedPost next = event.map(e -> PostFold.apply(before, e)).orElse(before);
            // A type that is no post event (none is stored today) changes nothing the API shows; its own instant
            // counts.
            Instant writtenAt = event.isPresent() ? next.updatedAt() : stored.occurredAt();
            if (writtenAt.isAfter(instant)) {
                return false;
            }
            state.set(next);
            return true;
        });
        return Optional.ofNullable(state.get());
    }

    private Optional<PostEvent> read(StoredEvent stored) {
        Class<? extends PostEvent> type = TYPES.get(stored.eventType());
        if (type == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.treeToValue(stored.data(), type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable " + type.getSimpleName() + " in the event store", e);
        }
    }
}

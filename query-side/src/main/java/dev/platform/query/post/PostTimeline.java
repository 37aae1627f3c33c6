package dev.platform.query.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUpdated;
import dev.platform.api.user.UserId;
import dev.platform.query.audit.EventLog;
import dev.platform.query.audit.StoredEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.stereotype.Component;

/**
 * A post as it stood at an instant, folded from its events in the event store (upcast, then read into the event
 * records with the event serializer's mapper), streamed: however many events the post has, the fold holds its
 * current state and the few rows of the cursor ({@link EventLog#readAggregate}), and reads no further than the
 * first event after the instant. An event belongs to the past of an instant when the instant its
 * write reports ({@code created_at}, {@code updated_at}, {@code published_at}, the unpublication's instant) is at
 * or before it; the fold stops at the first event after it, so the answer is always a state the post really had.
 * The fold sets the fields exactly as the posts projection does.
 */
@Component
class PostTimeline {

    private final EventLog events;
    private final ObjectMapper mapper;

    PostTimeline(EventLog events, Serializer serializer) {
        this.events = events;
        this.mapper = ((JacksonSerializer) serializer).getObjectMapper();
    }

    /** The post as it was: title, content, status and the instants; empty when it did not exist yet. */
    record State(
            PostId id,
            UserId creatorId,
            String title,
            String content,
            String status,
            Instant publishedAt,
            Instant createdAt,
            Instant updatedAt) {

        /** The same post after a later event: identity and creation stay, the rest is what the event set. */
        State then(String title, String content, String status, Instant publishedAt, Instant updatedAt) {
            return new State(id, creatorId, title, content, status, publishedAt, createdAt, updatedAt);
        }
    }

    Optional<State> asOf(PostId id, Instant instant) {
        // Only the state so far is kept: the events stream past it, and the first one after the instant ends the read.
        AtomicReference<State> state = new AtomicReference<>();
        events.readAggregate(id.value().toString(), event -> {
            State next = apply(state.get(), event);
            if (next == null || writtenAt(event).isAfter(instant)) {
                return false;
            }
            state.set(next);
            return true;
        });
        return Optional.ofNullable(state.get());
    }

    private Instant writtenAt(StoredEvent event) {
        return switch (event.eventType()) {
            case "PostCreated" -> read(event.data(), PostCreated.class).createdAt();
            case "PostUpdated" -> read(event.data(), PostUpdated.class).updatedAt();
            case "PostPublished" -> read(event.data(), PostPublished.class).publishedAt();
            case "PostUnpublished" -> read(event.data(), PostUnpublished.class).unpublishedAt();
            default -> event.occurredAt();
        };
    }

    /** The state after one more event; {@code null} when the stream is not a post's (no PostCreated first). */
    private State apply(State state, StoredEvent event) {
        JsonNode data = event.data();
        if (state == null && !event.eventType().equals("PostCreated")) {
            return null;
        }
        switch (event.eventType()) {
            case "PostCreated" -> {
                PostCreated e = read(data, PostCreated.class);
                return new State(
                        e.postId(),
                        e.creatorId(),
                        e.title(),
                        e.content(),
                        PostStatus.DRAFT.apiName(),
                        null,
                        e.createdAt(),
                        e.createdAt());
            }
            case "PostUpdated" -> {
                PostUpdated e = read(data, PostUpdated.class);
                return state.then(e.title(), e.content(), state.status(), state.publishedAt(), e.updatedAt());
            }
            case "PostPublished" -> {
                PostPublished e = read(data, PostPublished.class);
                return state.then(
                        e.title(), e.content(), PostStatus.PUBLISHED.apiName(), e.publishedAt(), e.publishedAt());
            }
            case "PostUnpublished" -> {
                PostUnpublished e = read(data, PostUnpublished.class);
                return state.then(state.title(), state.content(), PostStatus.DRAFT.apiName(), null, e.unpublishedAt());
            }
            default -> {
                // An event type the post does not know yet changes nothing the API shows.
                return state;
            }
        }
    }

    private <T> T read(JsonNode data, Class<T> type) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable " + type.getSimpleName() + " in the event store", e);
        }
    }
}

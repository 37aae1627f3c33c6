package dev.platform.api.post;

/**
 * Everything that can happen to a post, as the events its aggregate emits. The family is closed: a fold over a
 * post's events implements {@link Visitor}, one method per event, so a new post event does not compile until every
 * fold says what it does. The records keep their own fields and serialized shape; this interface adds none.
 */
public sealed interface PostEvent
        permits PostCreated, PostUpdated, PostPublished, PostUnpublished, PostScheduled, PostUnscheduled, PostDeleted {

    /** The post the event happened to (the aggregate's id). */
    PostId postId();

    /** Hands this event to the visitor's method for its type. */
    <R> R accept(Visitor<R> visitor);

    /** One method per post event: what a fold (or any other reader of the whole family) does with each. */
    interface Visitor<R> {

        R created(PostCreated event);

        R updated(PostUpdated event);

        R published(PostPublished event);

        R unpublished(PostUnpublished event);

        R scheduled(PostScheduled event);

        R unscheduled(PostUnscheduled event);

        R deleted(PostDeleted event);
    }
}

package dev.platform.command.post;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.post.CreatePost;
import dev.platform.api.post.DeletePost;
import dev.platform.api.post.NotPostCreator;
import dev.platform.api.post.PostAlreadyPublished;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostDeletedAs;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostNotFound;
import dev.platform.api.post.PostNotPublished;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostScheduled;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.post.PostUnscheduled;
import dev.platform.api.post.PostUpdated;
import dev.platform.api.post.PublishPost;
import dev.platform.api.post.PublishScheduledPost;
import dev.platform.api.post.SchedulePost;
import dev.platform.api.post.ScheduledPublication;
import dev.platform.api.post.UnschedulePost;
import dev.platform.api.post.UpdatePost;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A post, written by one creator.
 *
 * <p>Invariants: the creator is fixed at creation and only the creator may change or publish the post; anyone
 * else is told the post does not exist while it is a draft ({@link PostNotFound}) and is refused once it is
 * published ({@link NotPostCreator}). A post starts as a draft; publishing a published post is refused
 * ({@link PostAlreadyPublished}), and so is unpublishing a draft ({@link PostNotPublished}) when that is all a
 * request asks. An update changes at least one of title, content and status; an edit and a status change in one
 * request are applied together, the edit first, so a publication carries the edited text. Every publication
 * (the first and each republication) has its own time; unpublishing clears it. A conditional update or publication
 * ({@link ExpectedVersion}, a client's {@code If-Match}) changes nothing unless the post is at a version it names;
 * that is checked after who may change the post (a stranger learns nothing from it) and before any other rule.
 *
 * <p>Deletion: the creator may delete their post, and an admin any post (drafts included: the admin's audit reads
 * show drafts already); anyone else is refused as for a change. A deleted post is gone: every command on it, a
 * second deletion included, is answered {@link PostNotFound}, whoever sends it. The event marks the aggregate
 * deleted, so Axon refuses to load it for any command, also one added later ({@code AggregateDeletedException},
 * translated by {@link UnknownPostInterceptor}); Axon never snapshots a deleted aggregate, so the mark cannot be lost
 * to a snapshot (which would not hold it). The {@code deleted} field, checked first by every handler, says the same
 * inside the aggregate, should a snapshot of the deleted state ever be loaded.
 *
 * <p>Scheduling: a draft may be given an instant at which it publishes itself ({@link SchedulePost}); it is then
 * {@code SCHEDULED}, still hidden from everyone but its creator, and may be edited. Scheduling again moves the
 * instant (the same instant again changes nothing); publishing now, or a {@code status: "draft"} update, or
 * {@link UnschedulePost} ends the schedule; unscheduling a draft changes nothing, a published post is refused
 * ({@link PostAlreadyPublished}). When the instant comes the scheduler sends {@link PublishScheduledPost}, at least
 * once: it publishes only while the post is still scheduled for exactly that instant, so a repeated, late or
 * outdated firing changes nothing, and the post is published once per schedule.
 *
 * <p>Snapshots are taken every {@link PostSnapshots#THRESHOLD} events and stored through the Jackson serializer:
 * every field here must round-trip through it.
 *
 * <p>Only events stored with this aggregate's type are read ({@code filterEventsByType}; every aggregate of the
 * command side does the same): all ids share one space, and the id of a user, a comment or a subscription must
 * read as a post without events, so a command sent to it is answered {@link PostNotFound} ({@link UnknownPostInterceptor})
 * instead of running on another aggregate's stream, and nothing, no event and no snapshot, is stored under it.
 */
@Aggregate(snapshotTriggerDefinition = PostSnapshots.TRIGGER, filterEventsByType = true)
class Post {

    @AggregateIdentifier
    private PostId id;

    private UserId creatorId;
    private String title;
    private String content;
    private PostStatus status;
    private Instant publishedAt;
    private boolean deleted;
    private Instant publishAt;

    Post() {
        // for Axon: rebuilt from events or a snapshot
    }

    @CommandHandler
    Post(CreatePost command) {
        if (command.title() == null
                || command.title().isBlank()
                || command.content() == null
                || command.content().isEmpty()) {
            throw new IllegalArgumentException("a post needs a title and a content");
        }
        apply(new PostCreated(
                command.postId(), command.creatorId(), command.title(), command.content(), command.createdAt()));
    }

    @CommandHandler
    PostResult handle(UpdatePost command) {
        mustExist();
        mustBeCreator(command.requestedBy());
        ExpectedVersion.check(command.expectedVersion(), AggregateLifecycle.getVersion());
        boolean edits = command.title().isPresent() || command.content().isPresent();
        Optional<PostStatus> target = command.status();
        if (!edits && target.isEmpty()) {
            throw new IllegalArgumentException("an update must change the title, the content or the status");
        }
        if (!edits && target.get() == status) {
            // A bare status request that is already true: as /publish does, say so.
            throw status == PostStatus.PUBLISHED ? new PostAlreadyPublished() : new PostNotPublished();
        }
        if (edits) {
            apply(new PostUpdated(
                    id, command.title().orElse(title), command.content().orElse(content), command.updatedAt()));
        }
        boolean statusChanges = target.isPresent() && target.get() != status;
        if (statusChanges) {
            if (target.get() == PostStatus.PUBLISHED) {
                apply(new PostPublished(id, creatorId, title, content, command.updatedAt()));
            } else if (target.get() != PostStatus.DRAFT) {
                throw new IllegalArgumentException("an update publishes or unpublishes; scheduling is /publish's");
            } else if (status == PostStatus.SCHEDULED) {
                apply(new PostUnscheduled(id, creatorId, command.updatedAt()));
            } else {
                apply(new PostUnpublished(id, creatorId, command.updatedAt()));
            }
        }
        return result(statusChanges);
    }

    @CommandHandler
    PostResult handle(PublishPost command) {
        mustExist();
        mustBeCreator(command.requestedBy());
        ExpectedVersion.check(command.expectedVersion(), AggregateLifecycle.getVersion());
        if (status == PostStatus.PUBLISHED) {
            throw new PostAlreadyPublished();
        }
        apply(new PostPublished(id, creatorId, title, content, command.publishedAt()));
        return result(true);
    }

    @CommandHandler
    PostResult handle(DeletePost command) {
        mustExist();
        PostDeletedAs as = PostDeletedAs.CREATOR;
        if (!creatorId.equals(command.requestedBy())) {
            if (!command.requestedByAdmin()) {
                mustBeCreator(command.requestedBy());
            }
            as = PostDeletedAs.ADMIN;
        }
        ExpectedVersion.check(command.expectedVersion(), AggregateLifecycle.getVersion());
        apply(new PostDeleted(id, creatorId, command.requestedBy(), as, command.deletedAt()));
        return result(true);
    }

    /** A deleted post is answered as one that never existed, to everyone (see the class comment). */
    private void mustExist() {
        if (deleted) {
            throw new PostNotFound();
        }
    }

    @CommandHandler
    PostResult handle(SchedulePost command) {
        mustExist();
        mustBeCreator(command.requestedBy());
        ExpectedVersion.check(command.expectedVersion(), AggregateLifecycle.getVersion());
        if (status == PostStatus.PUBLISHED) {
            throw new PostAlreadyPublished();
        }
        if (!command.publishAt().isAfter(command.requestedAt())) {
            throw new IllegalArgumentException("a publication is scheduled for an instant ahead");
        }
        if (status == PostStatus.SCHEDULED && command.publishAt().equals(publishAt)) {
            return result(false);
        }
        apply(new PostScheduled(id, creatorId, command.publishAt(), command.requestedAt()));
        return result(true);
    }

    @CommandHandler
    PostResult handle(UnschedulePost command) {
        mustExist();
        mustBeCreator(command.requestedBy());
        if (status == PostStatus.PUBLISHED) {
            throw new PostAlreadyPublished();
        }
        if (status == PostStatus.DRAFT) {
            // Already true: a retried request is answered as the first one was.
            return result(false);
        }
        apply(new PostUnscheduled(id, creatorId, command.requestedAt()));
        return result(true);
    }

    /** The scheduler's firing: publishes only a post still scheduled for that very instant, else nothing. */
    @CommandHandler
    ScheduledPublication handle(PublishScheduledPost command) {
        if (deleted || status != PostStatus.SCHEDULED || !command.publishAt().equals(publishAt)) {
            return ScheduledPublication.STALE;
        }
        Instant at = command.firedAt().isBefore(publishAt) ? publishAt : command.firedAt();
        apply(new PostPublished(id, creatorId, title, content, at));
        return ScheduledPublication.PUBLISHED;
    }

    private void mustBeCreator(UserId caller) {
        if (!creatorId.equals(caller)) {
            if (status != PostStatus.PUBLISHED) {
                throw new PostNotFound();
            }
            throw new NotPostCreator();
        }
    }

    private PostResult result(boolean statusChanged) {
        return new PostResult(
                id,
                creatorId,
                title,
                content,
                status,
                publishedAt,
                publishAt,
                AggregateLifecycle.getVersion(),
                statusChanged);
    }

    @EventSourcingHandler
    void on(PostCreated event) {
        id = event.postId();
        creatorId = event.creatorId();
        title = event.title();
        content = event.content();
        status = PostStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(PostUpdated event) {
        title = event.title();
        content = event.content();
    }

    @EventSourcingHandler
    void on(PostPublished event) {
        status = PostStatus.PUBLISHED;
        publishedAt = event.publishedAt();
        publishAt = null;
    }

    @EventSourcingHandler
    void on(PostUnpublished event) {
        status = PostStatus.DRAFT;
        publishedAt = null;
    }

    @EventSourcingHandler
    void on(PostDeleted event) {
        deleted = true;
        AggregateLifecycle.markDeleted();
    }

    @EventSourcingHandler
    void on(PostScheduled event) {
        status = PostStatus.SCHEDULED;
        publishAt = event.publishAt();
    }

    @EventSourcingHandler
    void on(PostUnscheduled event) {
        status = PostStatus.DRAFT;
        publishAt = null;
    }
}

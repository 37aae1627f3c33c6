package dev.platform.command.post;

import dev.platform.api.common.ReadModels;
import dev.platform.api.notification.NotificationAudienceGroup;
import dev.platform.api.post.CreatePost;
import dev.platform.api.post.DeletePost;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PublishPost;
import dev.platform.api.post.SchedulePost;
import dev.platform.api.post.UnschedulePost;
import dev.platform.api.post.UpdatePost;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.ConditionalCommands;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.idempotency.IdempotentIds;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.EntityTags;
import dev.platform.infra.web.Preconditions;
import dev.platform.infra.web.Refusals;
import dev.platform.infra.web.body.RejectedBody;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writing, editing, publishing and deleting posts. Who may do what is decided from the token's subject (never from the
 * body) by the {@code Post} aggregate; reading posts is the query side's. Each write answers once the posts
 * projection has applied it, so the caller's next read shows it; a deletion also waits for the notification side to
 * withdraw the post's pending e-mails. A creation or a publication does not wait for the notification side: {@code
 * GET /posts/{id}/notifications} waits for it instead (a publication's recipients may be many). An edit or a
 * publication with {@code If-Match} is conditional on the post's version (checked by the aggregate) and answers the
 * post's new {@code ETag}. A
 * publication with a {@code publish_at} schedules the post instead ({@link PublicationSchedule}); the command side's
 * {@code ScheduledPublications} publishes it when the instant comes.
 */
@RestController
@RequestMapping(path = "/api/v1/posts", produces = MediaType.APPLICATION_JSON_VALUE)
class PostController {

    private final CommandGateway commands;
    private final ConditionalCommands conditionalCommands;
    private final Preconditions preconditions;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    PostController(
            CommandGateway commands,
            ConditionalCommands conditionalCommands,
            Preconditions preconditions,
            ReadYourWrites readYourWrites,
            Clock clock) {
        this.commands = commands;
        this.conditionalCommands = conditionalCommands;
        this.preconditions = preconditions;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    record CreatedPost(PostId id, UserId creatorId, String title, PostStatus status, Instant createdAt) {}

    record UpdatedPost(
            PostId id,
            UserId creatorId,
            String title,
            String content,
            PostStatus status,
            Instant updatedAt,
            Instant publishedAt,
            Instant publishAt) {}

    record PublishedPost(
            PostId id,
            UserId creatorId,
            String title,
            String content,
            PostStatus status,
            Instant publishedAt,
            Instant publishAt) {}

    /** The role check comes before the body is judged (docs/posts.md), hence the {@link BindingResult}. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedPost> create(
            @RequestBody @Valid CreatePostRequest body,
            BindingResult invalid,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (caller.role() != Role.CREATOR) {
            throw Refusals.forbidden("Only creators may write posts.");
        }
        RejectedBody.throwIfAny(invalid);

        PostId id = new PostId(IdempotentIds.newResourceId());
        Instant now = ApiTime.now(clock);
        commands.sendAndWait(new CreatePost(id, caller.id(), body.title(), body.content(), now));
        readYourWrites.await(ReadModels.POSTS, id.toString(), 0);
        return ResponseEntity.created(URI.create("/api/v1/posts/" + id))
                .body(new CreatedPost(id, caller.id(), body.title(), PostStatus.DRAFT, now));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UpdatedPost> update(
            @PathVariable PostId id,
            @RequestBody @Valid UpdatePostRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        Instant now = ApiTime.now(clock);
        PostResult post = conditionalCommands.sendAndWait(new UpdatePost(
                id,
                caller.id(),
                Optional.ofNullable(body.title()),
                Optional.ofNullable(body.content()),
                body.newStatus(),
                now,
                preconditions.ifMatch(ifMatch)));
        readYourWrites.await(ReadModels.POSTS, id.toString(), post.version());
        return ResponseEntity.ok()
                .eTag(EntityTags.of(post.version()))
                .body(new UpdatedPost(
                        post.id(),
                        post.creatorId(),
                        post.title(),
                        post.content(),
                        post.status(),
                        now,
                        post.publishedAt(),
                        post.publishAt()));
    }

    /**
     * Publishes now without a {@code publish_at} (none, an empty object or a {@code null} one), else schedules the
     * publication for that instant; any other field is refused like everywhere else.
     */
    @PostMapping(path = "/{id}/publish", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PublishedPost> publish(
            @PathVariable PostId id,
            @RequestBody(required = false) @Valid PublishPostRequest body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        Instant now = PublicationSchedule.now(clock);
        Optional<Instant> publishAt = PublicationSchedule.publishAt(body, now);
        PostResult post = conditionalCommands.sendAndWait(
                publishAt.isPresent()
                        ? new SchedulePost(id, caller.id(), publishAt.get(), now, preconditions.ifMatch(ifMatch))
                        : new PublishPost(id, caller.id(), now, preconditions.ifMatch(ifMatch)));
        return publicationAnswer(post);
    }

    /** Back to a draft that nothing publishes; a draft stays one (200), a published post is 409. */
    @PostMapping("/{id}/unschedule")
    ResponseEntity<PublishedPost> unschedule(
            @PathVariable PostId id, @AuthenticationPrincipal AuthenticatedUser caller) {
        PostResult post = commands.sendAndWait(new UnschedulePost(id, caller.id(), ApiTime.now(clock)));
        return publicationAnswer(post);
    }

    private ResponseEntity<PublishedPost> publicationAnswer(PostResult post) {
        readYourWrites.await(ReadModels.POSTS, post.id().toString(), post.version());
        return ResponseEntity.ok()
                .eTag(EntityTags.of(post.version()))
                .body(new PublishedPost(
                        post.id(),
                        post.creatorId(),
                        post.title(),
                        post.content(),
                        post.status(),
                        post.publishedAt(),
                        post.publishAt()));
    }

    /**
     * Deletes the post (its creator, or an admin): 204 once the posts read model no longer shows it and the
     * notification side has cancelled its pending e-mails; a post already deleted is 404 like one that never existed.
     */
    @DeleteMapping(path = "/{id}")
    ResponseEntity<Void> delete(
            @PathVariable PostId id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        PostResult post = conditionalCommands.sendAndWait(
                new DeletePost(id, caller.id(), caller.isAdmin(), ApiTime.now(clock), preconditions.ifMatch(ifMatch)));
        readYourWrites.await(ReadModels.POSTS, id.toString(), post.version());
        readYourWrites.await(NotificationAudienceGroup.NAME, id.toString(), post.version());
        return ResponseEntity.noContent().build();
    }
}

package dev.platform.command.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.api.common.ReadModels;
import dev.platform.api.post.CreatePost;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.post.PublishPost;
import dev.platform.api.post.UpdatePost;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.ConditionalCommands;
import dev.platform.infra.axon.ProjectionProgress;
import dev.platform.infra.idempotency.IdempotentIds;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.ApiException;
import dev.platform.infra.web.EntityTags;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Preconditions;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writing, editing and publishing posts. Who may do what is decided from the token's subject (never from the
 * body) by the {@code Post} aggregate; reading posts is the query side's. Each write answers once the posts
 * projection has applied it, so the caller's next read shows it. An edit or a publication with {@code If-Match}
 * is conditional on the post's version (checked by the aggregate) and answers the post's new {@code ETag}.
 */
@RestController
@RequestMapping(path = "/api/v1/posts", produces = MediaType.APPLICATION_JSON_VALUE)
class PostController {

    private final CommandGateway commands;
    private final ConditionalCommands conditionalCommands;
    private final Preconditions preconditions;
    private final ProjectionProgress projections;
    private final Clock clock;

    PostController(
            CommandGateway commands,
            ConditionalCommands conditionalCommands,
            Preconditions preconditions,
            ProjectionProgress projections,
            Clock clock) {
        this.commands = commands;
        this.conditionalCommands = conditionalCommands;
        this.preconditions = preconditions;
        this.projections = projections;
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
            Instant publishedAt) {}

    record PublishedPost(
            PostId id, UserId creatorId, String title, String content, PostStatus status, Instant publishedAt) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedPost> create(@RequestBody JsonNode body, @AuthenticationPrincipal AuthenticatedUser caller) {
        if (caller.role() != Role.CREATOR) {
            throw ApiException.forbidden("Only creators may write posts.");
        }
        mustBeObject(body);
        FieldErrors errors = new FieldErrors();
        Optional<String> title = PostRules.title(errors, body.get("title"));
        Optional<String> content = PostRules.content(errors, body.get("content"));
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("title") && !name.equals("content")) {
                errors.add(name, "is not accepted by this endpoint");
            }
        }
        errors.throwIfAny();

        PostId id = new PostId(IdempotentIds.newResourceId());
        Instant now = now();
        commands.sendAndWait(new CreatePost(id, caller.id(), title.get(), content.get(), now));
        projections.await(ReadModels.POSTS, id.toString(), 0);
        projections.await(ReadModels.NOTIFICATIONS, id.toString(), 0);
        return ResponseEntity.created(URI.create("/api/v1/posts/" + id))
                .body(new CreatedPost(id, caller.id(), title.get(), PostStatus.DRAFT, now));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UpdatedPost> update(
            @PathVariable PostId id,
            @RequestBody JsonNode body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        mustBeObject(body);
        FieldErrors errors = new FieldErrors();
        Optional<String> title = Optional.empty();
        Optional<String> content = Optional.empty();
        Optional<PostStatus> status = Optional.empty();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "title" -> title = PostRules.title(errors, field.getValue());
                case "content" -> content = PostRules.content(errors, field.getValue());
                case "status" -> status = PostRules.status(errors, field.getValue());
                default -> errors.add(field.getKey(), "is not accepted by this endpoint");
            }
        }
        if (errors.isEmpty() && title.isEmpty() && content.isEmpty() && status.isEmpty()) {
            errors.add("body", "must change at least one of title, content, status");
        }
        errors.throwIfAny();

        Instant now = now();
        PostState post = conditionalCommands.sendAndWait(
                new UpdatePost(id, caller.id(), title, content, status, now, preconditions.ifMatch(ifMatch)));
        projections.await(ReadModels.POSTS, id.toString(), post.version());
        if (post.statusChanged()) {
            awaitNotificationSide(post);
        }
        return ResponseEntity.ok()
                .eTag(EntityTags.of(post.version()))
                .body(new UpdatedPost(
                        post.id(),
                        post.creatorId(),
                        post.title(),
                        post.content(),
                        post.status(),
                        now,
                        post.publishedAt()));
    }

    /** Takes no body; an empty JSON object is tolerated, any field in it is refused like everywhere else. */
    @PostMapping(path = "/{id}/publish", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PublishedPost> publish(
            @PathVariable PostId id,
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (body != null && !body.isNull()) {
            mustBeObject(body);
            FieldErrors errors = new FieldErrors();
            body.fieldNames().forEachRemaining(name -> errors.add(name, "is not accepted by this endpoint"));
            errors.throwIfAny();
        }
        PostState post = conditionalCommands.sendAndWait(
                new PublishPost(id, caller.id(), now(), preconditions.ifMatch(ifMatch)));
        projections.await(ReadModels.POSTS, id.toString(), post.version());
        awaitNotificationSide(post);
        return ResponseEntity.ok()
                .eTag(EntityTags.of(post.version()))
                .body(new PublishedPost(
                        post.id(), post.creatorId(), post.title(), post.content(), post.status(), post.publishedAt()));
    }

    /**
     * A publication answers once its recipients are selected, so the notification stats read right after it
     * are complete.
     */
    private void awaitNotificationSide(PostState post) {
        projections.await(ReadModels.NOTIFICATIONS, post.id().toString(), post.version());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void mustBeObject(JsonNode body) {
        if (!body.isObject()) {
            throw FieldErrors.failure("body", "must be a JSON object");
        }
    }
}

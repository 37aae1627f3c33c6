package dev.platform.command.comment;

import dev.platform.api.comment.AddComment;
import dev.platform.api.comment.CommentId;
import dev.platform.api.comment.EditComment;
import dev.platform.api.comment.RemoveComment;
import dev.platform.api.common.ReadModels;
import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.idempotency.IdempotentIds;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.time.ApiTime;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commenting on a post, at the top level or as a reply, and editing and removing a comment. Any authenticated user
 * may comment on a published post; its author edits it; its author, the post's creator and an admin remove it. The
 * body is validated first (a 400 tells nothing about the post), then the post, the parent or the comment, and who
 * may, are checked with the command. The answer comes once the comments projection has applied the write, so the
 * caller's next read shows it. Reading comments is the query side's.
 */
@RestController
@RequestMapping(path = "/api/v1/posts", produces = MediaType.APPLICATION_JSON_VALUE)
class CommentController {

    private final CommandGateway commands;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    CommentController(CommandGateway commands, ReadYourWrites readYourWrites, Clock clock) {
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    /** A comment as its writes answer it: the list's item with its post; {@code editedAt} null until edited. */
    record AddedComment(
            CommentId id,
            PostId postId,
            UserId userId,
            CommentId parentCommentId,
            String content,
            Instant createdAt,
            Instant editedAt,
            boolean deleted) {}

    @PostMapping(path = "/{post_id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AddedComment> add(
            @PathVariable("post_id") PostId postId,
            @RequestBody @Valid AddCommentRequest body,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        CommentId id = new CommentId(IdempotentIds.newResourceId());
        Instant now = ApiTime.now(clock);
        AddComment command = new AddComment(id, postId, caller.id(), body.parent(), body.content(), now);
        CommentResult result = commands.sendAndWait(command);
        readYourWrites.await(ReadModels.COMMENTS, id.toString(), result.version());
        return ResponseEntity.created(URI.create("/api/v1/posts/" + postId + "/comments/" + id))
                .body(new AddedComment(
                        id, postId, caller.id(), command.parentCommentId(), body.content(), now, null, false));
    }

    /** The author changes the content; answers the comment as it is now (the same content again changes nothing). */
    @PutMapping(path = "/{post_id}/comments/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    AddedComment edit(
            @PathVariable("post_id") PostId postId,
            @PathVariable("id") CommentId id,
            @RequestBody @Valid EditCommentRequest body,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        EditedCommentResult edited =
                commands.sendAndWait(new EditComment(id, postId, caller.id(), body.content(), ApiTime.now(clock)));
        readYourWrites.await(ReadModels.COMMENTS, id.toString(), edited.version());
        return new AddedComment(
                edited.id(),
                edited.postId(),
                edited.userId(),
                edited.parentCommentId(),
                edited.content(),
                edited.createdAt(),
                edited.editedAt(),
                false);
    }

    /** The author, the post's creator or an admin removes the comment (docs/comments.md: what the thread shows). */
    @DeleteMapping("/{post_id}/comments/{id}")
    ResponseEntity<Void> remove(
            @PathVariable("post_id") PostId postId,
            @PathVariable("id") CommentId id,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        CommentResult removed = commands.sendAndWait(
                RemoveComment.byUser(id, postId, caller.id(), caller.isAdmin(), ApiTime.now(clock)));
        readYourWrites.await(ReadModels.COMMENTS, id.toString(), removed.version());
        return ResponseEntity.noContent().build();
    }
}

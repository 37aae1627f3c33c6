package dev.platform.command.user;

import dev.platform.api.comment.CommentId;
import dev.platform.api.comment.CommentNotFound;
import dev.platform.api.comment.RemoveComment;
import dev.platform.api.post.DeletePost;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostNotFound;
import dev.platform.api.user.UserErased;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rule for an erased person's content (docs/audit.md): their comments are removed ({@code CommentRemoved} with
 * the role {@code erasure}: one with replies stays in its thread as a {@code deleted: true} placeholder, without
 * content or author), then their posts are deleted ({@code PostDeleted}, as their creator when they erased
 * themselves, as an admin when an admin erased them). A tracking processor, after the erasure has committed: at least
 * once, and idempotent (a comment removed already is no error for an erasure; a deleted post answers as unknown,
 * which is skipped). Never on a replay: a rebuild sends no command. The person can write nothing after the erasure
 * (their tokens are refused), so the content it finds is all there is.
 */
@Component
@ProcessingGroup(ErasedContent.GROUP)
class ErasedContent {

    static final String GROUP = "erasure-content";

    private static final Logger log = LoggerFactory.getLogger(ErasedContent.class);

    private final PersonContent content;
    private final CommandGateway commands;

    ErasedContent(PersonContent content, CommandGateway commands) {
        this.content = content;
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(UserErased event) {
        boolean byAdmin = !event.erasedBy().equals(event.userId());
        int comments = 0;
        int posts = 0;
        for (PersonContent.Item item : content.of(event.userId())) {
            try {
                if (item.kind().equals("comment")) {
                    commands.sendAndWait(RemoveComment.forErasure(
                            new CommentId(item.id()), new PostId(item.postId()), event.erasedBy(), event.erasedAt()));
                    comments++;
                } else {
                    commands.sendAndWait(
                            new DeletePost(new PostId(item.id()), event.erasedBy(), byAdmin, event.erasedAt()));
                    posts++;
                }
            } catch (PostNotFound | CommentNotFound gone) {
                // Deleted or removed meanwhile (a comment on a post deleted before): nothing left to do.
            }
        }
        if (comments + posts > 0) {
            log.info("erased user {}: {} comments removed, {} posts deleted", event.userId(), comments, posts);
        }
    }
}

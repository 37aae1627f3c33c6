package dev.platform.command.comment;

import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.user.UserId;
import dev.platform.command.CommandSideTables;
import dev.platform.infra.db.StatementsAtCommit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code post_state} (each post's creator and whether it is published) in the transaction that stores the
 * post's event: a subscribing processor runs in the thread and transaction of the command, and its errors
 * propagate, so the event and the row are stored together or not at all. The row's statement goes with the
 * transaction's other statements at its commit ({@link StatementsAtCommit}): nothing reads the table in the
 * transaction that writes it. Every event upserts the row, which
 * also mends a row missing from a post that predates the table. A deleted post's row is removed (no event follows a
 * deletion), so a comment on it is refused as on a post that never existed.
 */
@Component
@ProcessingGroup(CommandSideTables.POST_STATE)
class PostStateProjection {

    private final StatementsAtCommit atCommit;

    PostStateProjection(StatementsAtCommit atCommit) {
        this.atCommit = atCommit;
    }

    @EventHandler
    void on(PostCreated event) {
        record(event.postId(), event.creatorId(), false);
    }

    @EventHandler
    void on(PostPublished event) {
        record(event.postId(), event.creatorId(), true);
    }

    @EventHandler
    void on(PostUnpublished event) {
        record(event.postId(), event.creatorId(), false);
    }

    @EventHandler
    void on(PostDeleted event) {
        atCommit.run("DELETE FROM post_state WHERE post_id = ?", event.postId().value());
    }

    private void record(PostId postId, UserId creatorId, boolean published) {
        atCommit.run(
                "INSERT INTO post_state (post_id, creator_id, published) VALUES (?, ?, ?)"
                        + " ON CONFLICT (post_id) DO UPDATE SET published = EXCLUDED.published",
                postId.value(),
                creatorId.value(),
                published);
    }
}

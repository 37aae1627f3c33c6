package dev.platform.command.user;

import dev.platform.api.comment.CommentAdded;
import dev.platform.api.comment.CommentRemoved;
import dev.platform.api.user.UserId;
import dev.platform.command.CommandSideTables;
import dev.platform.infra.db.StatementsAtCommit;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code person_content} (each person's comments not removed) in the transaction that stores the comment's
 * event: a subscribing processor whose errors roll the command back, so the table never lags behind the store. Its
 * statements go with the transaction's other statements at its commit ({@link StatementsAtCommit}), in their order.
 * A person's posts not deleted are the rows of {@code post_state} with them as creator (kept the same way by {@code
 * PostStateProjection}): a row of this table for each post as well was a second row and two index entries more in
 * every creation (issue 17). Read by {@link ErasedContent}, in transactions of its own.
 */
@Component
@ProcessingGroup(CommandSideTables.PERSON_CONTENT)
class PersonContent {

    private final JdbcTemplate jdbc;
    private final StatementsAtCommit atCommit;

    PersonContent(JdbcTemplate jdbc, StatementsAtCommit atCommit) {
        this.jdbc = jdbc;
        this.atCommit = atCommit;
    }

    /** A post or a comment of a person. */
    record Item(String kind, UUID id, UUID postId) {}

    @EventHandler
    void on(CommentAdded event) {
        atCommit.run(
                "INSERT INTO person_content (kind, content_id, user_id, post_id) VALUES ('comment', ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                event.commentId().value(),
                event.userId().value(),
                event.postId().value());
    }

    @EventHandler
    void on(CommentRemoved event) {
        atCommit.run(
                "DELETE FROM person_content WHERE kind = 'comment' AND content_id = ?",
                event.commentId().value());
    }

    /** The person's comments first (a post's deletion hides its comments), then their posts. */
    List<Item> of(UserId user) {
        return jdbc.query(
                // kind = 'comment': a node of an earlier version may still write a post's row during an upgrade.
                "SELECT kind, content_id, post_id FROM person_content WHERE user_id = ? AND kind = 'comment' "
                        + "UNION ALL SELECT 'post', post_id, post_id FROM post_state WHERE creator_id = ? "
                        + "ORDER BY kind, content_id",
                (rs, row) -> new Item(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)),
                user.value(),
                user.value());
    }
}

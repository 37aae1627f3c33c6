package dev.platform.query.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.comment.CommentAdded;
import dev.platform.api.comment.CommentId;
import dev.platform.api.comment.CommentRemovalRole;
import dev.platform.api.comment.CommentRemoved;
import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import dev.platform.query.QueryDatabase;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the comment reads show after removals ({@link CommentViewTable}): a removed comment stays as a placeholder
 * while a comment below it is not removed, and goes when none is; the list, its count and the single comment agree.
 * The thread: A ← B ← C (a reply to a reply), D alone, E ← F; all on one post, and G on another post.
 */
class CommentThreadShapeTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final PostId OTHER_POST = new PostId(UUID.fromString("00000000-0000-0000-0000-0000000000e2"));
    private static final UserId AUTHOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000Z");
    private static final CommentId A = id(1);
    private static final CommentId B = id(2);
    private static final CommentId C = id(3);
    private static final CommentId D = id(4);
    private static final CommentId E = id(5);
    private static final CommentId F = id(6);
    private static final CommentId G = id(7);

    private CommentProjection projection;
    private CommentViewTable table;
    private long position;

    private static CommentId id(int n) {
        return new CommentId(UUID.fromString("00000000-0000-0000-0000-0000000000d" + n));
    }

    @BeforeEach
    void thread() {
        table = new CommentViewTable(database.jdbc());
        projection = new CommentProjection(table);
        projection.reset();
        position = 100;
        add(POST, A, null);
        add(POST, D, null);
        add(POST, B, A);
        add(POST, E, null);
        add(POST, C, B);
        add(POST, F, E);
        add(OTHER_POST, G, null);
    }

    private void add(PostId post, CommentId id, CommentId parent) {
        position++;
        projection.on(
                new CommentAdded(id, post, AUTHOR, parent, "comment " + id, T0.plusSeconds(position)),
                0,
                GapAwareTrackingToken.newInstance(position, Collections.emptySet()));
    }

    private void remove(CommentId id) {
        projection.on(new CommentRemoved(id, POST, AUTHOR, CommentRemovalRole.POST_CREATOR, T0.plusSeconds(1000)), 1);
    }

    private List<CommentId> listed() {
        return table.pageOnPost(POST, 100, 0).stream().map(CommentView::id).toList();
    }

    private List<CommentId> placeholders() {
        return table.pageOnPost(POST, 100, 0).stream()
                .filter(CommentView::deleted)
                .map(CommentView::id)
                .toList();
    }

    @Test
    void withoutRemovalsEveryCommentIsShownInOrder() {
        assertThat(listed()).containsExactly(A, D, B, E, C, F);
        assertThat(table.countOnPost(POST)).isEqualTo(6);
        assertThat(table.pageOnPost(POST, 100, 0)).noneMatch(CommentView::deleted);
    }

    @Test
    void aRemovedCommentWithoutRepliesDisappearsFromTheListTheCountAndItsOwnRead() {
        remove(D);

        assertThat(listed()).containsExactly(A, B, E, C, F);
        assertThat(table.countOnPost(POST)).isEqualTo(5);
        assertThat(table.find(POST, D)).isEmpty();
    }

    @Test
    void aRemovedCommentWithRepliesKeepsItsPlaceAsAPlaceholderWithoutAuthorAndContent() {
        remove(A);

        assertThat(listed()).containsExactly(A, D, B, E, C, F);
        assertThat(placeholders()).containsExactly(A);
        assertThat(table.countOnPost(POST)).isEqualTo(6);
        CommentView placeholder = table.find(POST, A).orElseThrow();
        assertThat(placeholder.deleted()).isTrue();
        assertThat(placeholder.userId()).isNull();
        assertThat(placeholder.content()).isNull();
        assertThat(placeholder.editedAt()).isNull();
        assertThat(placeholder.parentCommentId()).isNull();
        assertThat(placeholder.createdAt()).isEqualTo(T0.plusSeconds(101));
    }

    @Test
    void aPlaceholderStaysWhileAnyCommentFurtherDownIsNotRemoved() {
        remove(A);
        remove(B);

        assertThat(listed()).containsExactly(A, D, B, E, C, F);
        assertThat(placeholders()).containsExactly(A, B);
        assertThat(table.find(POST, B).orElseThrow().parentCommentId()).isEqualTo(A);
    }

    @Test
    void whenTheLastCommentBelowIsRemovedThePlaceholdersAboveItGoToo() {
        remove(A);
        remove(B);
        remove(C);

        assertThat(listed()).containsExactly(D, E, F);
        assertThat(table.countOnPost(POST)).isEqualTo(3);
        assertThat(table.find(POST, A)).isEmpty();
        assertThat(table.find(POST, B)).isEmpty();
        assertThat(table.find(POST, C)).isEmpty();
    }

    @Test
    void aReplyRemovedBeforeItsParentLeavesTheParentAsItWasAndThenBothGo() {
        remove(F);
        assertThat(listed()).containsExactly(A, D, B, E, C);
        assertThat(placeholders()).isEmpty();

        remove(E);
        assertThat(listed()).containsExactly(A, D, B, C);
        assertThat(table.countOnPost(POST)).isEqualTo(4);
    }

    @Test
    void pagesAndTheCountAreOverTheShownCommentsOnly() {
        remove(D);
        remove(A);

        assertThat(table.pageOnPost(POST, 2, 0)).extracting(CommentView::id).containsExactly(A, B);
        assertThat(table.pageOnPost(POST, 2, 2)).extracting(CommentView::id).containsExactly(E, C);
        assertThat(table.pageOnPost(POST, 2, 4)).extracting(CommentView::id).containsExactly(F);
        assertThat(table.countOnPost(POST)).isEqualTo(5);
    }

    @Test
    void anotherPostsCommentsAreNeitherListedNorFound() {
        assertThat(listed()).doesNotContain(G);
        assertThat(table.find(POST, G)).isEmpty();
        assertThat(table.find(OTHER_POST, G)).isPresent();
        assertThat(table.countOnPost(OTHER_POST)).isEqualTo(1);
    }
}

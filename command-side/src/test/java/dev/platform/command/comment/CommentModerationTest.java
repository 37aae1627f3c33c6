package dev.platform.command.comment;

import static dev.platform.command.DomainExceptions.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.comment.CommentAdded;
import dev.platform.api.comment.CommentEdited;
import dev.platform.api.comment.CommentId;
import dev.platform.api.comment.CommentNotFound;
import dev.platform.api.comment.CommentRemovalRefused;
import dev.platform.api.comment.CommentRemovalRole;
import dev.platform.api.comment.CommentRemoved;
import dev.platform.api.comment.EditComment;
import dev.platform.api.comment.NotCommentAuthor;
import dev.platform.api.comment.RemoveComment;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostNotFound;
import dev.platform.api.post.PostNotPublished;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Editing and removing comments through {@link CommentModeration}: who may, on which posts, what the events record,
 * decided from the command side's knowledge of posts and comments (here in memory) and by the {@link Comment}.
 */
class CommentModerationTest {

    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final PostId OTHER_POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    private static final PostId DRAFT = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000d"));
    private static final PostId UNKNOWN_POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000e"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final UserId AUTHOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
    private static final UserId STRANGER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c3"));
    private static final UserId ADMIN = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c4"));
    private static final CommentId COMMENT = new CommentId(UUID.fromString("00000000-0000-0000-0000-000000000101"));
    private static final CommentId PARENT = new CommentId(UUID.fromString("00000000-0000-0000-0000-000000000102"));
    private static final CommentId UNKNOWN = new CommentId(UUID.fromString("00000000-0000-0000-0000-000000000105"));
    private static final Instant T0 = Instant.parse("2026-11-25T18:00:00.000Z");
    private static final Instant T1 = Instant.parse("2026-11-25T18:05:00.000Z");
    private static final Instant T2 = Instant.parse("2026-11-25T18:10:00.000Z");

    private FixtureConfiguration<Comment> fixture;
    private InMemoryCommentTargets targets;

    @BeforeEach
    void setUp() {
        targets = new InMemoryCommentTargets();
        targets.posts.put(POST, new PostStateRow(CREATOR, true));
        targets.posts.put(OTHER_POST, new PostStateRow(CREATOR, true));
        targets.posts.put(DRAFT, new PostStateRow(CREATOR, false));
        targets.comments.put(COMMENT, POST);
        fixture = new AggregateTestFixture<>(Comment.class);
        fixture.registerAnnotatedCommandHandler(new CommentModeration(fixture.getRepository(), targets));
    }

    private static CommentAdded added(PostId post, UserId author) {
        return new CommentAdded(COMMENT, post, author, PARENT, "First version", T0);
    }

    private static EditComment edit(PostId post, UserId by, String content) {
        return new EditComment(COMMENT, post, by, content, T1);
    }

    private static RemoveComment removeBy(UserId by, boolean admin) {
        return RemoveComment.byUser(COMMENT, POST, by, admin, T2);
    }

    private static CommentRemoved removed(UserId by, CommentRemovalRole role) {
        return new CommentRemoved(COMMENT, POST, by, role, T2);
    }

    // ---------------------------------------------------------------- editing

    @Test
    void theAuthorEditsTheirCommentAndTheResultIsTheCommentAsItIsNow() {
        fixture.given(added(POST, AUTHOR))
                .when(edit(POST, AUTHOR, "Second version"))
                .expectEvents(new CommentEdited(COMMENT, POST, AUTHOR, "Second version", T1))
                .expectResultMessagePayload(
                        new EditedCommentResult(COMMENT, POST, AUTHOR, PARENT, "Second version", T0, T1, 1));
    }

    @Test
    void everyVersionIsAnEventAndTheLatestIsTheContent() {
        fixture.given(added(POST, AUTHOR), new CommentEdited(COMMENT, POST, AUTHOR, "Second version", T1))
                .when(new EditComment(COMMENT, POST, AUTHOR, "Third version", T2))
                .expectEvents(new CommentEdited(COMMENT, POST, AUTHOR, "Third version", T2))
                .expectResultMessagePayload(
                        new EditedCommentResult(COMMENT, POST, AUTHOR, PARENT, "Third version", T0, T2, 2));
    }

    @Test
    void theSameContentAgainChangesNothingAndAnswersTheCommentAsItIs() {
        fixture.given(added(POST, AUTHOR))
                .when(edit(POST, AUTHOR, "First version"))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new EditedCommentResult(COMMENT, POST, AUTHOR, PARENT, "First version", T0, null, 0));
    }

    @Test
    void nobodyButTheAuthorEditsNotThePostsCreatorNorAnAdmin() {
        for (UserId other : new UserId[] {CREATOR, STRANGER, ADMIN}) {
            fixture.given(added(POST, AUTHOR))
                    .when(edit(POST, other, "Not mine"))
                    .expectNoEvents()
                    .expectException(NotCommentAuthor.class)
                    .expectException(withCode(ErrorCode.FORBIDDEN));
        }
    }

    @Test
    void anEditNeedsContentThatIsNotBlankNorTooLong() {
        fixture.given(added(POST, AUTHOR))
                .when(edit(POST, AUTHOR, "  \n "))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
        fixture.given(added(POST, AUTHOR))
                .when(edit(POST, AUTHOR, "x".repeat(10_001)))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void onADraftTheAuthorWhoIsNotItsCreatorIsToldThePostDoesNotExist() {
        targets.comments.put(COMMENT, DRAFT);
        fixture.given(added(DRAFT, AUTHOR))
                .when(edit(DRAFT, AUTHOR, "Hidden"))
                .expectNoEvents()
                .expectException(PostNotFound.class)
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
    }

    @Test
    void theCreatorEditingTheirCommentOnTheirDraftIsToldItIsNotPublished() {
        targets.comments.put(COMMENT, DRAFT);
        fixture.given(added(DRAFT, CREATOR))
                .when(edit(DRAFT, CREATOR, "While unpublished"))
                .expectNoEvents()
                .expectException(PostNotPublished.class)
                .expectException(withCode(ErrorCode.POST_NOT_PUBLISHED));
    }

    @Test
    void aCommentOfAnotherPostOrNoneIsCommentNotFound() {
        fixture.given(added(POST, AUTHOR))
                .when(edit(OTHER_POST, AUTHOR, "Wrong post"))
                .expectNoEvents()
                .expectException(CommentNotFound.class)
                .expectException(withCode(ErrorCode.COMMENT_NOT_FOUND));
        fixture.givenNoPriorActivity()
                .when(new EditComment(UNKNOWN, POST, AUTHOR, "Nobody", T1))
                .expectNoEvents()
                .expectException(CommentNotFound.class);
        fixture.givenNoPriorActivity()
                .when(new EditComment(COMMENT, UNKNOWN_POST, AUTHOR, "No post", T1))
                .expectNoEvents()
                .expectException(PostNotFound.class);
    }

    @Test
    void aRemovedCommentCannotBeEdited() {
        fixture.given(added(POST, AUTHOR), removed(AUTHOR, CommentRemovalRole.AUTHOR))
                .when(edit(POST, AUTHOR, "Back again"))
                .expectNoEvents()
                .expectException(CommentNotFound.class)
                .expectException(withCode(ErrorCode.COMMENT_NOT_FOUND));
    }

    // ---------------------------------------------------------------- removing

    @Test
    void theAuthorRemovesTheirCommentAndItTakesNoMoreReplies() {
        fixture.given(added(POST, AUTHOR))
                .when(removeBy(AUTHOR, false))
                .expectEvents(removed(AUTHOR, CommentRemovalRole.AUTHOR))
                .expectResultMessagePayload(new CommentResult(COMMENT, 1));
        assertThat(targets.removed).containsExactly(COMMENT);
    }

    @Test
    void thePostsCreatorRemovesAnyCommentOnTheirPost() {
        fixture.given(added(POST, AUTHOR))
                .when(removeBy(CREATOR, false))
                .expectEvents(removed(CREATOR, CommentRemovalRole.POST_CREATOR));
    }

    @Test
    void anAdminRemovesAnyCommentOnAPublishedPost() {
        fixture.given(added(POST, AUTHOR))
                .when(removeBy(ADMIN, true))
                .expectEvents(removed(ADMIN, CommentRemovalRole.ADMIN));
    }

    @Test
    void anAdminRemovingTheirOwnCommentDoesSoAsItsAuthor() {
        fixture.given(added(POST, ADMIN))
                .when(removeBy(ADMIN, true))
                .expectEvents(removed(ADMIN, CommentRemovalRole.AUTHOR));
    }

    @Test
    void anotherReaderMayNotRemoveAComment() {
        fixture.given(added(POST, AUTHOR))
                .when(removeBy(STRANGER, false))
                .expectNoEvents()
                .expectException(CommentRemovalRefused.class)
                .expectException(withCode(ErrorCode.FORBIDDEN));
        assertThat(targets.removed).isEmpty();
    }

    @Test
    void onADraftOnlyItsCreatorRemovesCommentsOthersAreToldThePostDoesNotExist() {
        targets.comments.put(COMMENT, DRAFT);
        for (UserId other : new UserId[] {AUTHOR, STRANGER, ADMIN}) {
            fixture.given(added(DRAFT, AUTHOR))
                    .when(RemoveComment.byUser(COMMENT, DRAFT, other, other.equals(ADMIN), T2))
                    .expectNoEvents()
                    .expectException(PostNotFound.class)
                    .expectException(withCode(ErrorCode.POST_NOT_FOUND));
        }
        fixture.given(added(DRAFT, AUTHOR))
                .when(RemoveComment.byUser(COMMENT, DRAFT, CREATOR, false, T2))
                .expectEvents(new CommentRemoved(COMMENT, DRAFT, CREATOR, CommentRemovalRole.POST_CREATOR, T2));
    }

    @Test
    void aSecondRemovalIsCommentNotFound() {
        targets.removed.add(COMMENT);
        fixture.given(added(POST, AUTHOR), removed(AUTHOR, CommentRemovalRole.AUTHOR))
                .when(removeBy(CREATOR, false))
                .expectNoEvents()
                .expectException(CommentNotFound.class)
                .expectException(withCode(ErrorCode.COMMENT_NOT_FOUND));
    }

    @Test
    void aCommentOfAnotherPostIsNotRemovedThroughThisOne() {
        fixture.given(added(POST, AUTHOR))
                .when(RemoveComment.byUser(COMMENT, OTHER_POST, CREATOR, false, T2))
                .expectNoEvents()
                .expectException(CommentNotFound.class);
    }

    @Test
    void anErasureRemovesTheCommentOnAnyPostInItsOwnRole() {
        targets.comments.put(COMMENT, DRAFT);
        fixture.given(added(DRAFT, AUTHOR))
                .when(RemoveComment.forErasure(COMMENT, DRAFT, ADMIN, T2))
                .expectEvents(new CommentRemoved(COMMENT, DRAFT, ADMIN, CommentRemovalRole.ERASURE, T2));
        assertThat(targets.removed).containsExactly(COMMENT);
    }

    @Test
    void anErasureOfACommentRemovedAlreadyChangesNothing() {
        targets.removed.add(COMMENT);
        fixture.given(added(POST, AUTHOR), removed(AUTHOR, CommentRemovalRole.AUTHOR))
                .when(RemoveComment.forErasure(COMMENT, POST, AUTHOR, T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new CommentResult(COMMENT, 1));
    }
}

package dev.platform.command.comment;

import static dev.platform.command.DomainExceptions.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.api.comment.AddComment;
import dev.platform.api.comment.CommentAdded;
import dev.platform.api.comment.CommentId;
import dev.platform.api.comment.ParentCommentNotOnPost;
import dev.platform.api.comment.ParentCommentRemoved;
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
 * Adding comments through {@link CommentAdmission}: the rules about the post and the parent, decided from the
 * command side's knowledge of posts and comments (here in memory), and the {@link Comment} aggregate's own.
 */
class CommentTest {

    private static final PostId POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final PostId OTHER_POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    private static final PostId DRAFT = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000d"));
    private static final PostId UNKNOWN_POST = new PostId(UUID.fromString("00000000-0000-0000-0000-00000000000e"));
    private static final UserId CREATOR = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final UserId READER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
    private static final CommentId COMMENT = new CommentId(UUID.fromString("00000000-0000-0000-0000-000000000101"));
    private static final CommentId TOP = new CommentId(UUID.fromString("00000000-0000-0000-0000-000000000102"));
    private static final CommentId REPLY = new CommentId(UUID.fromString("00000000-0000-0000-0000-000000000103"));
    private static final CommentId ELSEWHERE = new CommentId(UUID.fromString("00000000-0000-0000-0000-000000000104"));
    private static final CommentId UNKNOWN = new CommentId(UUID.fromString("00000000-0000-0000-0000-000000000105"));
    private static final Instant T0 = Instant.parse("2026-11-25T18:00:00.000Z");

    private FixtureConfiguration<Comment> fixture;
    private InMemoryCommentTargets targets;

    @BeforeEach
    void setUp() {
        targets = new InMemoryCommentTargets();
        targets.posts.put(POST, new PostStateRow(CREATOR, true));
        targets.posts.put(OTHER_POST, new PostStateRow(CREATOR, true));
        targets.posts.put(DRAFT, new PostStateRow(CREATOR, false));
        targets.comments.put(TOP, POST);
        targets.comments.put(REPLY, POST);
        targets.comments.put(ELSEWHERE, OTHER_POST);
        fixture = new AggregateTestFixture<>(Comment.class);
        fixture.registerAnnotatedCommandHandler(new CommentAdmission(fixture.getRepository(), targets));
    }

    private static AddComment add(PostId post, UserId by, CommentId parent, String content) {
        return new AddComment(COMMENT, post, by, parent, content, T0);
    }

    private static CommentAdded added(PostId post, UserId by, CommentId parent, String content) {
        return new CommentAdded(COMMENT, post, by, parent, content, T0);
    }

    @Test
    void anyUserCommentsOnAPublishedPostAndTheCommentIsRecordedUnderItsPost() {
        fixture.givenNoPriorActivity()
                .when(add(POST, READER, null, "Nice post"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(added(POST, READER, null, "Nice post"))
                .expectResultMessagePayload(new CommentResult(COMMENT, 0));
        assertThat(targets.postOf(COMMENT)).contains(POST);
    }

    @Test
    void theCreatorCommentsOnTheirOwnPublishedPost() {
        fixture.givenNoPriorActivity()
                .when(add(POST, CREATOR, null, "Thanks for reading"))
                .expectEvents(added(POST, CREATOR, null, "Thanks for reading"));
    }

    @Test
    void aReplyToACommentOfTheSamePostIsAdded() {
        fixture.givenNoPriorActivity()
                .when(add(POST, READER, TOP, "I agree"))
                .expectEvents(added(POST, READER, TOP, "I agree"));
    }

    @Test
    void repliesNestToAnyDepth() {
        fixture.givenNoPriorActivity()
                .when(add(POST, CREATOR, REPLY, "A reply to a reply"))
                .expectEvents(added(POST, CREATOR, REPLY, "A reply to a reply"));
    }

    @Test
    void aCommentOnAnUnknownPostIsPostNotFound() {
        fixture.givenNoPriorActivity()
                .when(add(UNKNOWN_POST, READER, null, "Hello?"))
                .expectNoEvents()
                .expectException(PostNotFound.class)
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
        assertThat(targets.postOf(COMMENT)).isEmpty();
    }

    @Test
    void aStrangerCommentingOnADraftIsToldItDoesNotExist() {
        fixture.givenNoPriorActivity()
                .when(add(DRAFT, READER, null, "First!"))
                .expectNoEvents()
                .expectException(PostNotFound.class)
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
        assertThat(targets.postOf(COMMENT)).isEmpty();
    }

    @Test
    void theCreatorCommentingOnTheirDraftIsToldItIsNotPublished() {
        fixture.givenNoPriorActivity()
                .when(add(DRAFT, CREATOR, null, "Note to self"))
                .expectNoEvents()
                .expectException(PostNotPublished.class)
                .expectException(withCode(ErrorCode.POST_NOT_PUBLISHED));
        assertThat(targets.postOf(COMMENT)).isEmpty();
    }

    @Test
    void aDraftIsReportedBeforeAWrongParent() {
        fixture.givenNoPriorActivity()
                .when(add(DRAFT, READER, ELSEWHERE, "Sneaky"))
                .expectNoEvents()
                .expectException(withCode(ErrorCode.POST_NOT_FOUND));
    }

    @Test
    void aReplyToAnotherPostsCommentIsRefusedOnTheParentField() {
        fixture.givenNoPriorActivity()
                .when(add(POST, READER, ELSEWHERE, "Wrong thread"))
                .expectNoEvents()
                .expectException(ParentCommentNotOnPost.class)
                .expectException(withCode(ErrorCode.VALIDATION_FAILED));
        assertThat(new ParentCommentNotOnPost().fieldErrors()).containsOnlyKeys("parent_comment_id");
        assertThat(targets.postOf(COMMENT)).isEmpty();
    }

    @Test
    void aReplyToAnUnknownCommentIsRefusedOnTheParentField() {
        fixture.givenNoPriorActivity()
                .when(add(POST, READER, UNKNOWN, "To nobody"))
                .expectNoEvents()
                .expectException(ParentCommentNotOnPost.class);
        assertThat(targets.postOf(COMMENT)).isEmpty();
    }

    @Test
    void aReplyToARemovedCommentIsRefusedOnTheParentField() {
        targets.removed.add(TOP);
        fixture.givenNoPriorActivity()
                .when(add(POST, READER, TOP, "Too late"))
                .expectNoEvents()
                .expectException(ParentCommentRemoved.class)
                .expectException(withCode(ErrorCode.VALIDATION_FAILED));
        assertThat(new ParentCommentRemoved().fieldErrors()).containsOnlyKeys("parent_comment_id");
        assertThat(targets.postOf(COMMENT)).isEmpty();
    }

    @Test
    void aCommentNeedsContentThatIsNotBlankNorTooLong() {
        fixture.givenNoPriorActivity()
                .when(add(POST, READER, null, " \n\t "))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
                .when(add(POST, READER, null, "x".repeat(10_001)))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
                .when(add(POST, READER, null, "😀".repeat(10_000)))
                .expectEvents(added(POST, READER, null, "😀".repeat(10_000)));
    }

    @Test
    void aCommentCannotReplyToItself() {
        targets.comments.put(COMMENT, POST);
        fixture.givenNoPriorActivity()
                .when(add(POST, READER, COMMENT, "Me again"))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }
}

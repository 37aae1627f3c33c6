package dev.platform.app;

import static dev.platform.app.Api.added;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.Api.ids;
import static dev.platform.app.EventStore.commentEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Comments" section, comments follow their post's visibility: a draft (never published or taken
 * back) refuses comments and hides them from everyone but its creator, also while comments race the unpublication.
 * The event store is read to show that a refused comment stores nothing.
 */
class CommentVisibilityEndToEndTest extends EndToEndTest {

    @Test
    void aDraftRefusesCommentsWith404ToOthersAnd409ToItsCreatorAndStoresNothing() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = api.newPost(creator);
        long before = commentEvents();

        Response byReader = api.comment(postId, reader, "First!");
        Response byOtherCreator = api.comment(postId, otherCreator, "First!");
        Response byAdmin = api.comment(postId, Map.of("content", "First!"), admin);
        Response byCreator = api.comment(postId, creator, "Note to self");
        Response unknown = api.comment(UUID.randomUUID().toString(), reader, "First!");

        assertRefused(byReader, 404, "POST_NOT_FOUND");
        assertRefused(byOtherCreator, 404, "POST_NOT_FOUND");
        assertRefused(byAdmin, 404, "POST_NOT_FOUND");
        assertRefused(byCreator, 409, "POST_NOT_PUBLISHED");
        // A hidden draft and a post that does not exist cannot be told apart.
        assertThat(byReader.text("detail")).isEqualTo(unknown.text("detail"));
        assertThat(commentEvents()).isEqualTo(before);
        assertThat(api.comments(postId, creator).header("X-Total-Count")).contains("0");
    }

    @Test
    void aDraftsCommentsAre404ToOthersAndAnEmptyListToItsCreator() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = api.newPost(creator);

        Response byCreator = api.comments(postId, creator);

        assertRefused(api.comments(postId, reader), 404, "POST_NOT_FOUND");
        assertRefused(api.comments(postId, "", admin), 404, "POST_NOT_FOUND");
        assertThat(byCreator.status()).isEqualTo(200);
        assertThat(byCreator.body()).isEmpty();
        assertThat(byCreator.header("X-Total-Count")).contains("0");
    }

    @Test
    void anUnpublishedPostRefusesCommentsAndHidesItsCommentsFromOthersUntilItIsRepublished() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String before = added(api.comment(postId, reader, "Said while it was out"));
        assertThat(api.unpublish(postId, creator).status()).isEqualTo(200);
        long events = commentEvents();

        Response readerComment = api.comment(postId, reader, "Still there?");
        Response creatorComment = api.comment(postId, creator, "Not now");
        Response readerReply = api.reply(postId, reader, before, "Replying anyway");
        Response readerList = api.comments(postId, reader);
        Response creatorList = api.comments(postId, creator);

        assertRefused(readerComment, 404, "POST_NOT_FOUND");
        assertRefused(creatorComment, 409, "POST_NOT_PUBLISHED");
        assertRefused(readerReply, 404, "POST_NOT_FOUND");
        assertThat(commentEvents()).isEqualTo(events);
        assertRefused(readerList, 404, "POST_NOT_FOUND");
        assertThat(creatorList.status()).isEqualTo(200);
        assertThat(ids(creatorList)).containsExactly(before);

        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        String after = added(api.reply(postId, reader, before, "Welcome back"));
        assertThat(ids(api.comments(postId, reader))).containsExactly(before, after);
    }

    @Test
    void unknownPostsAre404AndInvalidPostIds400() {
        TestUser reader = api.newUser("reader");
        String unknown = UUID.randomUUID().toString();

        assertRefused(api.comment(unknown, reader, "Hello?"), 404, "POST_NOT_FOUND");
        assertRefused(api.comments(unknown, reader), 404, "POST_NOT_FOUND");
        assertRefused(api.comment("not-a-uuid", reader, "Hello?"), 400, "INVALID_ID");
        assertRefused(api.comments("1-1-1-1-1", reader), 400, "INVALID_ID");
    }

    /**
     * Comments racing an unpublication: each is either accepted (and then listed) or refused as on a draft, never
     * an error; once the unpublication has answered, the post takes no more comments.
     */
    @Test
    void commentsRacingAnUnpublicationAreEachAcceptedAndListedOrRefused() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            TestUser author = i % 2 == 0 ? reader : creator;
            String content = "Racing " + i;
            calls.add(() -> api.comment(postId, author, content));
        }
        calls.add(() -> api.unpublish(postId, creator));

        List<Response> answers = Api.runTogether(calls);

        assertThat(answers.get(answers.size() - 1).status()).isEqualTo(200);
        List<Response> comments = answers.subList(0, answers.size() - 1);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < comments.size(); i++) {
            Response r = comments.get(i);
            if (r.status() == 201) {
                accepted.add(r.text("id"));
            } else if (i % 2 == 0) {
                assertRefused(r, 404, "POST_NOT_FOUND");
            } else {
                assertRefused(r, 409, "POST_NOT_PUBLISHED");
            }
        }
        Response listed = api.comments(postId, creator);
        assertThat(ids(listed)).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(listed.header("X-Total-Count")).contains(Integer.toString(accepted.size()));
        assertRefused(api.comment(postId, reader, "Too late"), 404, "POST_NOT_FOUND");
    }
}

package dev.platform.app;

import static dev.platform.app.Api.TIMESTAMP;
import static dev.platform.app.Api.added;
import static dev.platform.app.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Comments" section, commenting on a published post: every user may, replies nest to any depth, the
 * content is kept verbatim, and the list shows the comment at once (read-your-writes).
 */
class CommentingEndToEndTest extends EndToEndTest {

    @Test
    void commentingAnswers201WithTheCommentAndTheListShowsItAtOnce() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);

        Response added = api.comment(postId, reader, "Great post!");
        Response listed = api.comments(postId, reader);

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.body().fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "id",
                        "post_id",
                        "user_id",
                        "parent_comment_id",
                        "content",
                        "created_at",
                        "edited_at",
                        "deleted");
        assertThat(added.text("id")).matches("[0-9a-f-]{36}");
        assertThat(added.text("post_id")).isEqualTo(postId);
        assertThat(added.text("user_id")).isEqualTo(reader.id());
        assertThat(added.body().get("parent_comment_id").isNull()).isTrue();
        assertThat(added.text("content")).isEqualTo("Great post!");
        assertThat(added.text("created_at")).matches(TIMESTAMP);
        assertThat(added.body().get("edited_at").isNull()).isTrue();
        assertThat(added.body().get("deleted").asBoolean(true)).isFalse();

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header("X-Total-Count")).contains("1");
        assertThat(listed.body().isArray()).isTrue();
        assertThat(listed.body()).hasSize(1);
        assertThat(listed.body().get(0).fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "id", "user_id", "parent_comment_id", "content", "created_at", "edited_at", "deleted");
        assertThat(listed.body().get(0).path("id").asText()).isEqualTo(added.text("id"));
        assertThat(listed.body().get(0).path("user_id").asText()).isEqualTo(reader.id());
        assertThat(listed.body().get(0).get("parent_comment_id").isNull()).isTrue();
        assertThat(listed.body().get(0).path("content").asText()).isEqualTo("Great post!");
        assertThat(listed.body().get(0).path("created_at").asText()).isEqualTo(added.text("created_at"));
        assertThat(listed.body().get(0).get("edited_at").isNull()).isTrue();
        assertThat(listed.body().get(0).get("deleted").asBoolean(true)).isFalse();
    }

    @Test
    void aReplyToAReplyToAReplyIsReadBackInOrderWithItsParents() {
        TestUser creator = api.newUser("creator");
        TestUser ada = api.newUser("reader");
        TestUser bob = api.newUser("reader");
        String postId = api.newPublishedPost(creator);

        String first = added(api.comment(postId, ada, "Top-level question"));
        String second = added(api.comment(postId, bob, "Another top-level comment"));
        String reply = added(api.reply(postId, creator, first, "An answer"));
        Response replyToReply = api.reply(postId, ada, reply, "A follow-up");
        String level2 = added(replyToReply);
        String level3 = added(api.reply(postId, bob, level2, "A reply to the follow-up"));
        String underSecond = added(api.reply(postId, ada, second, "On the other thread"));

        assertThat(replyToReply.text("parent_comment_id")).isEqualTo(reply);
        assertThat(replyToReply.text("post_id")).isEqualTo(postId);
        for (TestUser reader : List.of(bob, creator)) {
            Response listed = api.comments(postId, reader);
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.header("X-Total-Count")).contains("6");
            assertThat(ids(listed)).containsExactly(first, second, reply, level2, level3, underSecond);
            List<String> parents = new ArrayList<>();
            listed.body()
                    .forEach(item -> parents.add(item.path("parent_comment_id").asText(null)));
            assertThat(parents).containsExactly(null, null, first, reply, level2, second);
            List<String> authors = new ArrayList<>();
            listed.body().forEach(item -> authors.add(item.path("user_id").asText()));
            assertThat(authors).containsExactly(ada.id(), bob.id(), creator.id(), ada.id(), bob.id(), ada.id());
            List<String> times = new ArrayList<>();
            listed.body().forEach(item -> times.add(item.path("created_at").asText()));
            assertThat(times).isSorted();
        }
    }

    @Test
    void everyUserMayCommentOnAPublishedPostTheCreatorAndTheAdminToo() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        TestUser otherCreator = api.newUser("creator");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String postId = api.newPublishedPost(creator);

        String byCreator = added(api.comment(postId, creator, "Thanks for reading"));
        String byReader = added(api.comment(postId, reader, "A reader's view"));
        String byOtherCreator = added(api.comment(postId, otherCreator, "A colleague's view"));
        String byAdmin = added(api.comment(postId, Map.of("content", "Moderator here"), admin));

        assertThat(ids(api.comments(postId, reader))).containsExactly(byCreator, byReader, byOtherCreator, byAdmin);
    }

    @Test
    void theContentIsStoredVerbatimFrom1To10000Characters() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String markup = "  <script>alert(1)</script>\n**bold** é 😀  \n";
        String longest = "c".repeat(9_999) + "😀";

        Response shortest = api.comment(postId, reader, "x");
        Response verbatim = api.comment(postId, reader, markup);
        Response longestAnswer = api.comment(postId, reader, longest);

        assertThat(shortest.status()).as(shortest.toString()).isEqualTo(201);
        assertThat(verbatim.text("content")).isEqualTo(markup);
        assertThat(longestAnswer.status()).as(longestAnswer.toString()).isEqualTo(201);
        Response listed = api.comments(postId, reader);
        assertThat(listed.body().get(0).path("content").asText()).isEqualTo("x");
        assertThat(listed.body().get(1).path("content").asText()).isEqualTo(markup);
        assertThat(listed.body().get(2).path("content").asText()).isEqualTo(longest);
    }

    @Test
    void aNullParentIsATopLevelComment() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        Map<String, Object> body = new HashMap<>();
        body.put("content", "Top level");
        body.put("parent_comment_id", null);

        Response r = api.comment(postId, body, reader.token());

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body().get("parent_comment_id").isNull()).isTrue();
    }
}

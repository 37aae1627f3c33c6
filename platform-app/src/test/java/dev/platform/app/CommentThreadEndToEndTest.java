package dev.platform.app;

import static dev.platform.app.Api.added;
import static dev.platform.app.Api.assertFieldError;
import static dev.platform.app.Api.assertRefused;
import static dev.platform.app.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The thread after removals (issue 16, item 2): a removed comment with replies keeps its place as a placeholder
 * ({@code deleted: true}, no author, no content), one without disappears, and the placeholder goes once nothing
 * below it is left; the list, its {@code X-Total-Count}, its pages and the single comment agree.
 */
class CommentThreadEndToEndTest extends EndToEndTest {

    private Response remove(String postId, String commentId, TestUser caller) {
        return api.request("DELETE", "/api/v1/posts/" + postId + "/comments/" + commentId)
                .token(caller.token())
                .send();
    }

    private Response read(String postId, String commentId, TestUser caller) {
        return api.get("/api/v1/posts/" + postId + "/comments/" + commentId, caller.token());
    }

    private static List<String> placeholders(Response list) {
        List<String> ids = new ArrayList<>();
        list.body().forEach(item -> {
            if (item.path("deleted").asBoolean()) {
                ids.add(item.path("id").asText());
            }
        });
        return ids;
    }

    @Test
    void aRemovedCommentKeepsItsPlaceWhileItHasRepliesAndGoesWithTheLastOne() {
        TestUser creator = api.newUser("creator");
        TestUser ada = api.newUser("reader");
        TestUser bob = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        Response top = api.comment(postId, ada, "A question");
        String a = added(top);
        String d = added(api.comment(postId, bob, "Unrelated"));
        String b = added(api.reply(postId, bob, a, "An answer"));
        String c = added(api.reply(postId, ada, b, "A follow-up"));

        // Without replies: gone from the list, the count and its own read.
        assertThat(remove(postId, d, creator).status()).isEqualTo(204);
        Response list = api.comments(postId, bob);
        assertThat(ids(list)).containsExactly(a, b, c);
        assertThat(list.header("X-Total-Count")).contains("3");
        assertRefused(read(postId, d, bob), 404, "COMMENT_NOT_FOUND");

        // With replies: a placeholder in its place, without author and content.
        assertThat(remove(postId, a, ada).status()).isEqualTo(204);
        list = api.comments(postId, bob);
        assertThat(ids(list)).containsExactly(a, b, c);
        assertThat(placeholders(list)).containsExactly(a);
        assertThat(list.header("X-Total-Count")).contains("3");
        JsonNode placeholder = list.body().get(0);
        assertThat(placeholder.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "id", "user_id", "parent_comment_id", "content", "created_at", "edited_at", "deleted");
        assertThat(placeholder.get("user_id").isNull()).isTrue();
        assertThat(placeholder.get("content").isNull()).isTrue();
        assertThat(placeholder.get("edited_at").isNull()).isTrue();
        assertThat(placeholder.get("parent_comment_id").isNull()).isTrue();
        assertThat(placeholder.path("created_at").asText()).isEqualTo(top.text("created_at"));
        assertThat(read(postId, a, creator).body()).isEqualTo(placeholder);
        assertThat(list.body().get(1).path("parent_comment_id").asText()).isEqualTo(a);
        assertThat(list.body().get(1).path("content").asText()).isEqualTo("An answer");
        // A removed comment takes no replies, and cannot be removed or edited again.
        assertFieldError(api.reply(postId, bob, a, "Still there?"), "parent_comment_id");
        assertRefused(remove(postId, a, creator), 404, "COMMENT_NOT_FOUND");

        // The middle of the thread removed too: two placeholders above the last live reply.
        assertThat(remove(postId, b, bob).status()).isEqualTo(204);
        list = api.comments(postId, creator);
        assertThat(ids(list)).containsExactly(a, b, c);
        assertThat(placeholders(list)).containsExactly(a, b);

        // The last reply removed: the whole thread goes, nothing empty is left.
        assertThat(remove(postId, c, creator).status()).isEqualTo(204);
        list = api.comments(postId, creator);
        assertThat(ids(list)).isEmpty();
        assertThat(list.header("X-Total-Count")).contains("0");
        assertRefused(read(postId, a, creator), 404, "COMMENT_NOT_FOUND");
        assertRefused(read(postId, b, creator), 404, "COMMENT_NOT_FOUND");
    }

    @Test
    void pagesAndTheTotalCountAreOverWhatIsShown() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String first = added(api.comment(postId, reader, "One"));
        String reply = added(api.reply(postId, reader, first, "One's reply"));
        String gone = added(api.comment(postId, reader, "Two"));
        String third = added(api.comment(postId, reader, "Three"));

        assertThat(remove(postId, first, creator).status()).isEqualTo(204);
        assertThat(remove(postId, gone, creator).status()).isEqualTo(204);

        Response page1 = api.comments(postId, "?limit=2&offset=0", reader.token());
        Response page2 = api.comments(postId, "?limit=2&offset=2", reader.token());
        assertThat(ids(page1)).containsExactly(first, reply);
        assertThat(ids(page2)).containsExactly(third);
        assertThat(page1.header("X-Total-Count")).contains("3");
        assertThat(page2.header("X-Total-Count")).contains("3");
        assertThat(placeholders(page1)).containsExactly(first);
    }

    @Test
    void aReplyRemovedFirstLeavesItsParentAsItWas() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String parent = added(api.comment(postId, reader, "Parent"));
        String reply = added(api.reply(postId, creator, parent, "Reply"));

        assertThat(remove(postId, reply, creator).status()).isEqualTo(204);

        Response list = api.comments(postId, reader);
        assertThat(ids(list)).containsExactly(parent);
        assertThat(placeholders(list)).isEmpty();
        assertThat(list.body().get(0).path("content").asText()).isEqualTo("Parent");
        // A new reply to the parent is as welcome as before.
        assertThat(api.reply(postId, reader, parent, "Another reply").status()).isEqualTo(201);
    }

    @Test
    void aRebuildOfTheCommentsReadModelResurrectsNothingRemovedAndKeepsTheEdits() {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newUser("reader");
        String postId = api.newPublishedPost(creator);
        String parent = added(api.comment(postId, reader, "Parent"));
        String reply = added(api.reply(postId, creator, parent, "Reply"));
        String gone = added(api.comment(postId, reader, "Gone"));
        Response edited = api.put(
                "/api/v1/posts/" + postId + "/comments/" + reply, Map.of("content", "Reply, edited"), creator.token());
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(remove(postId, parent, creator).status()).isEqualTo(204);
        assertThat(remove(postId, gone, reader).status()).isEqualTo(204);
        Response before = api.comments(postId, reader);

        ProjectionAdmin admin = new ProjectionAdmin(api, api.login(ADMIN_EMAIL, ADMIN_PASSWORD));
        long head = Sql.head(TestDatabase.sharedUrl());
        assertThat(admin.rebuild("comments").status()).isEqualTo(202);
        admin.awaitRebuilt("comments", head);

        Response after = api.comments(postId, reader);
        assertThat(after.body()).isEqualTo(before.body());
        assertThat(ids(after)).containsExactly(parent, reply);
        assertThat(placeholders(after)).containsExactly(parent);
        assertThat(after.body().get(1).path("content").asText()).isEqualTo("Reply, edited");
        assertThat(after.body().get(1).path("edited_at").asText()).isEqualTo(edited.text("edited_at"));
        assertThat(after.header("X-Total-Count")).contains("2");
    }
}

package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every list answers a {@code Link} header (RFC 8288) with {@code first}, {@code prev} when its window does not
 * start at the beginning and {@code next} while items remain, each the request's path and its list's filters with
 * the window moved (a parameter the list does not read is left out): following {@code next} from the first page
 * reads exactly {@code X-Total-Count} items, none twice.
 */
class ListLinksEndToEndTest extends EndToEndTest {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>; rel=\"([a-z]+)\"");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCreatorsPostsKeepTheStatusFilterFromPageToPage() {
        TestUser creator = api.newUser("creator");
        for (int i = 0; i < 5; i++) {
            api.newPost(creator, "Draft " + i, "Body");
        }
        api.publish(api.newPost(creator, "Published", "Body"), creator);
        String path = "/api/v1/creators/" + creator.id() + "/posts";

        Response first = api.get(path + "?status=draft&utm_source=mail&limit=2", creator.token());

        assertThat(links(first))
                .containsExactly(
                        Map.entry("first", path + "?status=draft&limit=2&offset=0"),
                        Map.entry("next", path + "?status=draft&limit=2&offset=2"));
        List<JsonNode> all = walk(first, creator.token());
        assertThat(all)
                .hasSize(5)
                .allSatisfy(post -> assertThat(post.path("status").asText()).isEqualTo("draft"));
        Response last = api.get(path + "?status=draft&limit=2&offset=4", creator.token());
        assertThat(links(last))
                .containsExactly(
                        Map.entry("first", path + "?status=draft&limit=2&offset=0"),
                        Map.entry("prev", path + "?status=draft&limit=2&offset=2"));
    }

    @Test
    void aPostsCommentsAreWalkedInOrder() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Talk", "Body");
        api.publish(postId, creator);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(api.post("/api/v1/posts/" + postId + "/comments", Map.of("content", "c" + i), creator.token())
                    .text("id"));
        }

        List<JsonNode> read =
                walk(api.get("/api/v1/posts/" + postId + "/comments?limit=2", creator.token()), creator.token());

        assertThat(read).extracting(comment -> comment.path("id").asText()).containsExactlyElementsOf(written);
    }

    @Test
    void aUsersSubscriptionsKeepTheStatusFilter() {
        TestUser reader = api.newUser("reader");
        for (int i = 0; i < 3; i++) {
            TestUser creator = api.newUser("creator");
            assertThat(api.post("/api/v1/creators/" + creator.id() + "/subscribe", null, reader.token())
                            .status())
                    .isEqualTo(201);
        }
        String path = "/api/v1/users/" + reader.id() + "/subscriptions";

        Response first = api.get(path + "?limit=1&status=active", reader.token());

        assertThat(links(first).get("next")).isEqualTo(path + "?status=active&limit=1&offset=1");
        assertThat(walk(first, reader.token())).hasSize(3);
    }

    @Test
    void aPostsHistoryIsWalkedOldestFirst() {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "v1", "Body");
        for (int i = 2; i <= 4; i++) {
            assertThat(api.put("/api/v1/posts/" + postId, Map.of("title", "v" + i), creator.token())
                            .status())
                    .isEqualTo(200);
        }

        List<JsonNode> history =
                walk(api.get("/api/v1/posts/" + postId + "/history?limit=3", creator.token()), creator.token());

        assertThat(history).extracting(entry -> entry.path("sequence").asInt()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void theEventStreamsNextLinkContinuesAfterTheLastPositionItShowed() {
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Audited", "Body");
        api.publish(postId, creator);
        // The publication's RecipientsSelected is appended by the notification side after the publication answers;
        // the stats read waits for that side, so the stream walked below no longer grows while it is walked.
        api.notificationStats(creator, postId);

        Response first = api.get("/api/v1/admin/events?limit=2&after=" + head, admin);

        Map<String, String> links = links(first);
        long lastShown = first.body().get(1).path("position").asLong();
        assertThat(links.get("first")).isEqualTo("/api/v1/admin/events?after=" + head + "&limit=2&offset=0");
        assertThat(links.get("next")).isEqualTo("/api/v1/admin/events?after=" + lastShown + "&limit=2");
        List<JsonNode> all = walk(first, admin);
        assertThat(all)
                .extracting(event -> event.path("position").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(all)
                .filteredOn(event -> event.path("aggregate_id").asText().equals(postId))
                .extracting(event -> event.path("event_type").asText())
                .containsExactly("PostCreated", "PostPublished");
        Response skipped = api.get("/api/v1/admin/events?limit=2&offset=2&after=" + head, admin);
        assertThat(links(skipped).get("prev")).isEqualTo("/api/v1/admin/events?after=" + head + "&limit=2&offset=0");
    }

    @Test
    void theAdminsProjectionAndDeadLetterListsLinkTheirPages() {
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);

        Response projections = api.get("/api/v1/admin/projections?limit=1", admin);
        Response deadLetters = api.get("/api/v1/admin/dead-letters?limit=1", admin);

        assertThat(links(projections).get("next")).isEqualTo("/api/v1/admin/projections?limit=1&offset=1");
        assertThat(walk(projections, admin))
                .extracting(projection -> projection.path("name").asText())
                .contains("posts", "comments", "subscriptions", "users");
        assertThat(links(deadLetters).get("first")).isEqualTo("/api/v1/admin/dead-letters?limit=1&offset=0");
        assertThat(links(deadLetters).containsKey("next"))
                .isEqualTo(Long.parseLong(deadLetters.header("X-Total-Count").orElseThrow()) > 1);
    }

    @Test
    void aParameterNameTheFirewallRefusesIsLeftOutOfTheLinks() {
        TestUser creator = api.newUser("creator");

        Response list = api.get("/api/v1/creators/" + creator.id() + "/posts?%00x%7B=1&limit=5", creator.token());

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(links(list))
                .containsExactly(Map.entry("first", "/api/v1/creators/" + creator.id() + "/posts?limit=5&offset=0"));
    }

    /** The items of {@code first} and of every page its {@code next} links lead to, checked against the total. */
    private List<JsonNode> walk(Response first, String token) {
        long total = Long.parseLong(first.header("X-Total-Count").orElseThrow());
        List<JsonNode> items = new ArrayList<>();
        Response page = first;
        while (true) {
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.body().forEach(items::add);
            String next = links(page).get("next");
            if (next == null) {
                break;
            }
            assertThat(items.size()).as("a next link while items remain").isLessThan((int) total);
            page = api.get(next, token);
        }
        assertThat(items).hasSize((int) total).doesNotHaveDuplicates();
        return items;
    }

    private static Map<String, String> links(Response response) {
        Map<String, String> links = new LinkedHashMap<>();
        Matcher matcher = LINK.matcher(response.header("Link").orElseThrow(() -> new AssertionError("no Link")));
        while (matcher.find()) {
            links.put(matcher.group(2), matcher.group(1));
        }
        return links;
    }
}

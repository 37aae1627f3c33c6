package dev.platform.app;

import static dev.platform.app.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Subscriptions" section, the subscriber's list: filtered by status, newest activation first and
 * paged with {@code X-Total-Count}.
 */
class SubscriptionListingEndToEndTest extends EndToEndTest {

    @Test
    void theStatusFilterShowsActiveOrCancelledAndNoFilterShowsBoth() {
        TestUser reader = api.newUser("reader");
        TestUser kept = api.newUser("creator");
        TestUser dropped = api.newUser("creator");
        api.subscribe(reader, kept.id());
        api.subscribe(reader, dropped.id());
        api.unsubscribe(reader, dropped.id());

        Response all = api.subscriptions(reader, "");
        Response active = api.subscriptions(reader, "?status=active");
        Response cancelled = api.subscriptions(reader, "?status=cancelled");

        assertThat(all.header("X-Total-Count")).contains("2");
        assertThat(creators(all)).containsExactlyInAnyOrder(kept.id(), dropped.id());
        assertThat(active.header("X-Total-Count")).contains("1");
        assertThat(creators(active)).containsExactly(kept.id());
        assertThat(cancelled.header("X-Total-Count")).contains("1");
        assertThat(creators(cancelled)).containsExactly(dropped.id());
    }

    @Test
    void invalidListParametersAre400WithTheField() {
        TestUser reader = api.newUser("reader");

        for (String[] bad : new String[][] {
            {"status", "?status=archived"},
            {"status", "?status=ACTIVE"},
            {"status", "?status="},
            {"limit", "?limit=0"},
            {"limit", "?limit=101"},
            {"limit", "?limit=ten"},
            {"offset", "?offset=-1"}
        }) {
            Response r = api.subscriptions(reader, bad[1]);
            assertThat(r.status()).as(bad[1]).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(r.body().path("field_errors").has(bad[0]))
                    .as(r.toString())
                    .isTrue();
        }
    }

    @Test
    void theListIsNewestActivationFirstAndPaged() {
        TestUser reader = api.newUser("reader");
        TestUser first = api.newUser("creator");
        TestUser second = api.newUser("creator");
        TestUser third = api.newUser("creator");
        api.subscribe(reader, first.id());
        api.subscribe(reader, second.id());
        api.subscribe(reader, third.id());
        // A re-activation is the latest activation: it moves the first subscription to the front.
        api.unsubscribe(reader, first.id());
        api.subscribe(reader, first.id());

        Response all = api.subscriptions(reader, "");
        Response page = api.subscriptions(reader, "?limit=2&offset=1");
        Response beyond = api.subscriptions(reader, "?offset=3");

        assertThat(creators(all)).containsExactly(first.id(), third.id(), second.id());
        assertThat(page.header("X-Total-Count")).contains("3");
        assertThat(creators(page)).containsExactly(third.id(), second.id());
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.body().size()).isZero();
        assertThat(beyond.header("X-Total-Count")).contains("3");
    }

    private static List<String> creators(Response list) {
        List<String> ids = new ArrayList<>();
        list.body().forEach(item -> ids.add(item.path("creator_id").asText()));
        return ids;
    }
}

package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.TestUser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An installation whose erasure processors still have the segments of an earlier version (Axon's default for a
 * pooled processor was 16; four here, to keep the test short): the new version merges each down to its one segment at
 * start, and an erasure after the upgrade still deletes the person's posts.
 */
class ErasureSegmentsEndToEndTest {

    private static final String SEGMENTS = "SELECT count(*) FROM token_entry WHERE processor_name = '%s'";
    private static final String CONTENT = String.format(SEGMENTS, "erasure-content");
    private static final String SUBSCRIPTIONS = String.format(SEGMENTS, "erasure-subscriptions");

    @Test
    void theSegmentsOfAnEarlierVersionAreMergedIntoOneAndErasuresStillWork() {
        String url = TestDatabase.create("erasure_segments");
        String prefix = StandaloneApplication.rabbitPrefix("erasure-segments");
        try (ConfigurableApplicationContext before =
                StandaloneApplication.start(StandaloneApplication.argumentsWithPrefix(
                        url,
                        prefix,
                        "--axon.eventhandling.processors.erasure-content.initial-segment-count=4",
                        "--axon.eventhandling.processors.erasure-subscriptions.initial-segment-count=4"))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Sql.number(url, CONTENT) == 4 && Sql.number(url, SUBSCRIPTIONS) == 4);
        }

        try (ConfigurableApplicationContext after =
                StandaloneApplication.start(StandaloneApplication.argumentsWithPrefix(url, prefix))) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> Sql.number(url, CONTENT) == 1 && Sql.number(url, SUBSCRIPTIONS) == 1);
            Api api = new Api(StandaloneApplication.port(after));
            TestUser creator = api.newUser("creator");
            TestUser reader = api.newUser("reader");
            String post = api.newPost(creator, "Before the erasure", "Goes with its creator.");
            assertThat(api.publish(post, creator).status()).isEqualTo(200);
            assertThat(api.request("DELETE", "/api/v1/users/" + creator.id())
                            .token(creator.token())
                            .json(Map.of("password", creator.password()))
                            .send()
                            .status())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            api.get("/api/v1/posts/" + post, reader.token()).status() == 404);
        }
    }
}

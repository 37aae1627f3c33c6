package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An installation whose notification audience still has the two segments of earlier versions: the new version
 * merges them into one at start (its single thread would leave a second segment unprocessed), and a subscription
 * recorded before the upgrade still gets the e-mail of a publication after it.
 */
class AudienceSegmentsEndToEndTest {

    private static final String SEGMENTS =
            "SELECT count(*) FROM token_entry WHERE processor_name = 'notification-audience'";

    @Test
    void twoAudienceSegmentsOfAnEarlierVersionAreMergedIntoOne() {
        String url = TestDatabase.create("audience_segments");
        String prefix = StandaloneApplication.rabbitPrefix("segments");
        TestUser creator;
        TestUser reader;
        try (ConfigurableApplicationContext before =
                StandaloneApplication.start(StandaloneApplication.argumentsWithPrefix(
                        url,
                        prefix,
                        "--axon.eventhandling.processors.notification-audience.initial-segment-count=2",
                        "--axon.eventhandling.processors.notification-audience.thread-count=2"))) {
            Api api = new Api(StandaloneApplication.port(before));
            await().atMost(Duration.ofSeconds(30)).until(() -> Sql.number(url, SEGMENTS) == 2);
            creator = api.newUser("creator");
            reader = api.newUser("reader");
            assertThat(api.request("POST", "/api/v1/creators/" + creator.id() + "/subscribe")
                            .token(reader.token())
                            .send()
                            .status())
                    .isEqualTo(201);
            assertThat(Sql.number(url, SEGMENTS)).isEqualTo(2);
        }

        try (ConfigurableApplicationContext after =
                StandaloneApplication.start(StandaloneApplication.argumentsWithPrefix(url, prefix))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Sql.number(url, SEGMENTS) == 1);
            Api api = new Api(StandaloneApplication.port(after));
            String post = api.newPost(creator, "after the merge", "body");
            assertThat(api.publish(post, creator).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestMail.about(post).size() == 1);
            assertThat(TestMail.to(reader.email())).hasSize(1);
        }
    }
}

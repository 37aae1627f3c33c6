package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** With RabbitMQ unreachable, publishing still answers 200; once it is back, every e-mail goes out. */
class RabbitOutageEndToEndTest {

    @Test
    void publishingWorksWhileRabbitMqIsDownAndTheEmailsFollowWhenItIsBack() throws Exception {
        String prefix = StandaloneApplication.rabbitPrefix("outage");
        try (TcpProxy rabbit = new TcpProxy("127.0.0.1", 5672);
                ConfigurableApplicationContext app =
                        StandaloneApplication.behindRabbitProxy("outage", prefix, rabbit, Duration.ofSeconds(2))) {
            Api api = new Api(StandaloneApplication.port(app));
            TestUser creator = api.newUser("creator");
            List<TestUser> readers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                TestUser reader = api.newUser("reader");
                assertThat(api.post("/api/v1/creators/" + creator.id() + "/subscribe", null, reader.token())
                                .status())
                        .isEqualTo(201);
                readers.add(reader);
            }
            String postId = api.newPost(creator, "Outage", "Still here.");

            rabbit.cut();
            Response published = api.post("/api/v1/posts/" + postId + "/publish", null, creator.token());

            assertThat(published.status()).isEqualTo(200);
            Response stats = api.get("/api/v1/posts/" + postId + "/notifications", creator.token());
            assertThat(stats.body().path("recipients").asLong()).isEqualTo(5);
            assertThat(stats.body().path("sent").asLong()).isZero();

            rabbit.restore();

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/api/v1/posts/" + postId + "/notifications", creator.token())
                                    .body()
                                    .path("sent")
                                    .asLong()
                            == 5);
            for (TestUser reader : readers) {
                assertThat(TestMail.to(reader.email())).hasSize(1);
            }
        } finally {
            TestRabbit.deleteAll(prefix);
        }
    }
}

package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The queues the application declares are quorum queues (replicated in a RabbitMQ cluster) with a delivery limit,
 * and the classic queues of the earlier layout are not declared any more. What the broker says, from
 * {@code rabbitmqctl}: AMQP reveals neither a queue's type nor its arguments.
 */
class QuorumQueuesEndToEndTest extends EndToEndTest {

    private static JsonNode declared(String queue) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> TestRabbit.describe(queue).isPresent());
        return TestRabbit.describe(queue).orElseThrow();
    }

    private static String argument(JsonNode queue, String name) {
        return TestRabbit.argument(queue, name).map(JsonNode::asText).orElse(null);
    }

    @Test
    void theEmailQueueIsAQuorumQueueWithADeliveryLimitThatDeadLettersToTheParkedQueue() {
        JsonNode work = declared(TestRabbit.prefix() + ".notifications.email.v2");

        assertThat(work.path("type").asText()).isEqualTo("quorum");
        assertThat(argument(work, "x-delivery-limit")).isEqualTo("20");
        assertThat(argument(work, "x-dead-letter-exchange")).isEqualTo(TestRabbit.prefix() + ".notifications.dlx");
        assertThat(argument(work, "x-dead-letter-routing-key")).isEqualTo("dead");
        assertThat(argument(work, "x-dead-letter-strategy")).isEqualTo("at-least-once");
        assertThat(argument(work, "x-overflow")).isEqualTo("reject-publish");
    }

    @Test
    void theParkedAndPostViewQueuesAreQuorumQueuesWithADeliveryLimit() {
        for (String queue : new String[] {TestRabbit.deadLetterQueue(), TestRabbit.postViewQueue()}) {
            JsonNode described = declared(queue);

            assertThat(described.path("type").asText()).as(queue).isEqualTo("quorum");
            assertThat(argument(described, "x-delivery-limit")).as(queue).isEqualTo("20");
        }
    }

    @Test
    void noClassicQueueOfTheEarlierLayoutIsDeclared() {
        declared(TestRabbit.prefix() + ".notifications.email.v2");

        for (String old : new String[] {".notifications.email", ".notifications.email.dead", ".analytics.post-views"}) {
            Optional<JsonNode> classic = TestRabbit.describe(TestRabbit.prefix() + old);
            assertThat(classic).as(old).isEmpty();
        }
    }
}

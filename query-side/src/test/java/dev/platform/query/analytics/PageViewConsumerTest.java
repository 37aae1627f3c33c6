package dev.platform.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.post.PostId;
import dev.platform.query.QueryDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Page views as the analytics consumer records them, fed messages directly (RabbitMQ's part is the end-to-end
 * tests'), and as {@link PageViewTable} reads them back.
 */
class PageViewConsumerTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private static final UUID POST = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    private static final UUID READER = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID OTHER_READER = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private PageViewConsumer consumer;
    private PageViewTable counts;

    @BeforeEach
    void onePostNoViews() {
        // The real tally, so view_count is checked where the post reads join it.
        counts = new PageViewTable(database.jdbc());
        consumer = new PageViewConsumer(
                counts, counts, new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())));
        database.jdbc().update("TRUNCATE analytics_post_view, analytics_view_count, post_view");
        // The post as the posts projection leaves it; only its view_count matters here.
        database.jdbc()
                .update(
                        "INSERT INTO post_view (id, creator_id, title, content, status, published_at, created_at,"
                                + " updated_at, version) VALUES (?, ?, 'T', 'C', 'published', ?, ?, ?, 1)",
                        POST,
                        UUID.randomUUID(),
                        Timestamp.from(AT),
                        Timestamp.from(AT),
                        Timestamp.from(AT));
    }

    private static Message view(UUID eventId, UUID reader, Instant at) {
        return message("{\"event_id\":\"" + eventId + "\",\"event_type\":\"post_view\",\"user_id\":\"" + reader
                + "\",\"post_id\":\"" + POST + "\",\"timestamp\":\"" + at + "\"}");
    }

    private static Message message(String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private long viewCount() {
        return viewCount(POST);
    }

    private long viewCount(UUID post) {
        return database.jdbc()
                .queryForObject(
                        "SELECT coalesce((SELECT view_count FROM analytics_view_count WHERE post_id = ?), 0)",
                        Long.class,
                        post);
    }

    @Test
    void aViewIsRecordedAndCountedOnItsPost() {
        consumer.onMessage(view(UUID.randomUUID(), READER, AT));

        assertThat(viewCount()).isEqualTo(1);
        assertThat(counts.of(new PostId(POST))).isEqualTo(new PageViewTable.Counts(1, 1));
    }

    @Test
    void aRedeliveredViewCountsOnce() {
        UUID eventId = UUID.randomUUID();

        consumer.onMessage(view(eventId, READER, AT));
        consumer.onMessage(view(eventId, READER, AT));

        assertThat(viewCount()).isEqualTo(1);
        assertThat(counts.of(new PostId(POST)).views()).isEqualTo(1);
    }

    @Test
    void aBatchIsRecordedAtOnceEachEventCountingOnceAndAForeignMessageLeftOut() {
        UUID repeated = UUID.randomUUID();
        UUID unknown = UUID.fromString("00000000-0000-0000-0000-0000000000e3");
        consumer.onMessage(view(repeated, READER, AT));

        consumer.onMessageBatch(java.util.List.of(
                view(repeated, READER, AT),
                view(UUID.randomUUID(), READER, AT.plusSeconds(1)),
                message("not json"),
                view(UUID.randomUUID(), OTHER_READER, AT.plusSeconds(2)),
                message("{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"post_view\",\"user_id\":\""
                        + READER + "\",\"post_id\":\"" + unknown + "\",\"timestamp\":\"" + AT + "\"}")));
        UUID twiceInOneBatch = UUID.randomUUID();
        consumer.onMessageBatch(
                java.util.List.of(view(twiceInOneBatch, READER, AT), view(twiceInOneBatch, READER, AT)));

        assertThat(viewCount()).isEqualTo(4);
        assertThat(counts.of(new PostId(POST))).isEqualTo(new PageViewTable.Counts(4, 2));
        assertThat(counts.of(new PostId(unknown)).views()).isEqualTo(1);
    }

    @Test
    void viewsAreCountedPerEventAndReadersOncePerReader() {
        consumer.onMessage(view(UUID.randomUUID(), READER, AT));
        consumer.onMessage(view(UUID.randomUUID(), READER, AT.plusSeconds(60)));
        consumer.onMessage(view(UUID.randomUUID(), OTHER_READER, AT.plusSeconds(120)));

        assertThat(viewCount()).isEqualTo(3);
        assertThat(counts.of(new PostId(POST))).isEqualTo(new PageViewTable.Counts(3, 2));
    }

    @Test
    void thePastViewCountIncludesViewsAtThatInstantAndNoneAfter() {
        consumer.onMessage(view(UUID.randomUUID(), READER, AT));
        consumer.onMessage(view(UUID.randomUUID(), READER, AT.plusSeconds(60)));

        assertThat(counts.upTo(new PostId(POST), AT.minusMillis(1))).isZero();
        assertThat(counts.upTo(new PostId(POST), AT)).isEqualTo(1);
        assertThat(counts.upTo(new PostId(POST), AT.plusSeconds(60))).isEqualTo(2);
    }

    @Test
    void aViewOfAPostNotProjectedYetIsKeptForTheRebuild() {
        UUID unknown = UUID.fromString("00000000-0000-0000-0000-0000000000e2");

        consumer.onMessage(message("{\"event_id\":\"" + UUID.randomUUID()
                + "\",\"event_type\":\"post_view\",\"user_id\":\"" + READER + "\",\"post_id\":\"" + unknown
                + "\",\"timestamp\":\"" + AT + "\"}"));

        assertThat(counts.of(new PostId(unknown)).views()).isEqualTo(1);
        assertThat(viewCount(unknown)).as("the count waits for the post").isEqualTo(1);
        assertThat(viewCount()).isZero();
    }

    @Test
    void aMessageThatIsNoPostViewIsRejectedWithoutRequeueingAndRecordsNothing() {
        for (String body : new String[] {
            "not json",
            "{\"event_type\":\"post_like\",\"event_id\":\"" + UUID.randomUUID() + "\"}",
            "{\"event_id\":\"x\",\"event_type\":\"post_view\",\"user_id\":\"" + READER + "\",\"post_id\":\"" + POST
                    + "\",\"timestamp\":\"" + AT + "\"}",
            "{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"post_view\",\"user_id\":\"" + READER
                    + "\",\"post_id\":\"" + POST + "\",\"timestamp\":\"yesterday\"}"
        }) {
            assertThatThrownBy(() -> consumer.onMessage(message(body)))
                    .as(body)
                    .isInstanceOf(AmqpRejectAndDontRequeueException.class);
        }

        assertThat(counts.of(new PostId(POST)).views()).isZero();
        assertThat(viewCount()).isZero();
    }
}

package dev.platform.query.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.analytics.*}.
 *
 * @param queuePrefix prefix of the RabbitMQ queue of page views (defaults to the notifications' prefix)
 * @param bufferSize views waiting for RabbitMQ in memory per process; further views are dropped and counted
 * @param consumers concurrent consumers of the page-view queue per process
 * @param batchSize at most this many views recorded per transaction by one consumer
 * @param batchWait how long a consumer gathers a batch at most before it records what it has
 * @param viewsPerMessage at most this many views in one AMQP message from the sender
 * @param sendLinger how long the sender gathers views for one message at most after the first one waiting
 */
@ConfigurationProperties("platform.analytics")
record AnalyticsProperties(
        @DefaultValue("platform") String queuePrefix,
        @DefaultValue("10000") int bufferSize,
        @DefaultValue("2") int consumers,
        @DefaultValue("250") int batchSize,
        @DefaultValue("50ms") Duration batchWait,
        @DefaultValue("100") int viewsPerMessage,
        @DefaultValue("20ms") Duration sendLinger) {

    /** The quorum queue; {@code .v2}, since the classic queue of the earlier layout had the plain name. */
    String queue() {
        return queuePrefix + ".analytics.post-views.v2";
    }

    /** The classic queue of the earlier layout, drained into {@link #queue()} and deleted at start. */
    String classicQueue() {
        return queuePrefix + ".analytics.post-views";
    }
}

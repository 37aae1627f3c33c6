package dev.platform.query.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.analytics.*}.
 *
 * @param queuePrefix prefix of the RabbitMQ queue of page views (defaults to the notifications' prefix)
 * @param bufferSize views waiting for RabbitMQ in memory per process; further views are dropped and counted
 * @param consumers concurrent consumers of the page-view queue per process
 */
@ConfigurationProperties("platform.analytics")
record AnalyticsProperties(
        @DefaultValue("platform") String queuePrefix,
        @DefaultValue("10000") int bufferSize,
        @DefaultValue("2") int consumers) {

    /** The quorum queue; {@code .v2}, since the classic queue of the earlier layout had the plain name. */
    String queue() {
        return queuePrefix + ".analytics.post-views.v2";
    }

    /** The classic queue of the earlier layout, drained into {@link #queue()} and deleted at start. */
    String classicQueue() {
        return queuePrefix + ".analytics.post-views";
    }
}

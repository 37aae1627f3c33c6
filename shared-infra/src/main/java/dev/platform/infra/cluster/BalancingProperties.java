package dev.platform.infra.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.balancing.*}: how the nodes that run the same streaming processor share its segments.
 *
 * @param enabled off: the first node to start keeps every segment it can claim (Axon's own behaviour)
 * @param interval how often a node writes its heartbeat and compares its segments with its fair share
 * @param nodeTimeout a node whose heartbeat is older than this counts as gone; keep it several intervals long
 * @param releaseDuration how long this node leaves a segment it gave up for another node to claim; longer than an
 *     interval, so the other node's next round finds it free
 */
@ConfigurationProperties("platform.balancing")
public record BalancingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration interval,
        @DefaultValue("10s") Duration nodeTimeout,
        @DefaultValue("10s") Duration releaseDuration) {}

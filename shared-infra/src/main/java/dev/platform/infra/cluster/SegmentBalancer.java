package dev.platform.infra.cluster;

import dev.platform.infra.schedule.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Splits each streaming processor's segments between the nodes that run it. Left alone, Axon lets the first node
 * claim every segment it has threads for (a tracking processor with as many threads as segments, a pooled one
 * all of them), and a second node idles until the first one stops.
 *
 * <p>Every {@code platform.balancing.interval} each node writes its heartbeat per running processor, counts the
 * live nodes of that processor (heartbeat younger than {@code node-timeout}) and compares the segments it
 * processes with its fair share, {@code ceil(segments / live nodes)}: a surplus it releases with Axon's
 * {@link StreamingEventProcessor#releaseSegment(int, long, TimeUnit)} (the worker or work package stops, the claim
 * in {@code token_entry} is cleared, and this node does not claim the segment again for
 * {@code release-duration}); below its share it claims free segments with
 * {@link StreamingEventProcessor#claimSegment(int)} (which also lifts its own earlier release). A node that dies
 * stops beating: after {@code node-timeout} the others count one node fewer, and once its claims have expired
 * ({@code axon.eventhandling.tokenstore.claim-timeout}) they find its segments free and take them. A node that
 * stops gracefully deletes its heartbeat and releases its claims at once.
 */
@Component
class SegmentBalancer extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final ObjectProvider<Configuration> axon;
    private final NodeHeartbeats heartbeats;
    private final ClusterNode node;
    private final BalancingProperties properties;
    private final Duration claimTimeout;

    SegmentBalancer(
            ObjectProvider<Configuration> axon,
            NodeHeartbeats heartbeats,
            ClusterNode node,
            BalancingProperties properties,
            TokenStoreProperties tokenStore) {
        super("segment-balancer", properties.interval());
        this.axon = axon;
        this.heartbeats = heartbeats;
        this.node = node;
        this.properties = properties;
        this.claimTimeout = tokenStore.getClaimTimeout();
    }

    @Override
    protected boolean enabled() {
        return properties.enabled();
    }

    @Override
    public synchronized void start() {
        super.start();
        if (enabled()) {
            log.info("segment balancing every {} as node {}", properties.interval(), node.id());
        } else {
            log.info("segment balancing is off: processors claim every segment they can");
        }
    }

    /** A graceful stop: the others count this node out at once instead of after its heartbeat times out. */
    @Override
    protected void stopped() {
        try {
            heartbeats.leave(node);
        } catch (RuntimeException e) {
            log.warn("could not delete this node's heartbeat: the others count it until it times out", e);
        }
    }

    @Override
    protected void round() {
        List<StreamingEventProcessor> processors =
                axon.getObject().eventProcessingConfiguration().eventProcessors().values().stream()
                        .filter(StreamingEventProcessor.class::isInstance)
                        .map(StreamingEventProcessor.class::cast)
                        .filter(StreamingEventProcessor::isRunning)
                        .toList();
        heartbeats.beat(
                node, processors.stream().map(StreamingEventProcessor::getName).toList());
        if (processors.isEmpty()) {
            return;
        }
        Map<String, Integer> live = heartbeats.liveNodes(properties.nodeTimeout());
        Map<String, List<NodeHeartbeats.Claim>> claims = heartbeats.claims();
        Instant now = Instant.now(); // Axon stamps claims with the system clock too
        for (StreamingEventProcessor processor : processors) {
            List<NodeHeartbeats.Claim> segments = claims.getOrDefault(processor.getName(), List.of());
            if (segments.isEmpty()) {
                continue;
            }
            Set<Integer> mine = Set.copyOf(processor.processingStatus().keySet());
            Set<Integer> free = segments.stream()
                    .filter(claim -> claim.isFree(now, claimTimeout))
                    .map(NodeHeartbeats.Claim::segment)
                    .collect(Collectors.toSet());
            int nodes = live.getOrDefault(processor.getName(), 1);
            FairShare decision = FairShare.of(segments.size(), nodes, mine, free);
            if (decision.isEmpty()) {
                continue;
            }
            log.info(
                    "balancing {}: {} of {} segments here, {} live node(s); releasing {}, claiming {}",
                    processor.getName(),
                    mine.size(),
                    segments.size(),
                    nodes,
                    decision.release(),
                    decision.claim());
            for (int segment : decision.release()) {
                processor.releaseSegment(segment, properties.releaseDuration().toMillis(), TimeUnit.MILLISECONDS);
            }
            for (int segment : decision.claim()) {
                processor.claimSegment(segment);
            }
        }
    }
}

package dev.platform.infra.axon;

import dev.platform.infra.schedule.PeriodicTask;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Brings a processor whose tokens were made with more segments than it is now configured with ({@code
 * initial-segment-count}, one when not set) down to that count: an installation made before the configuration
 * changed. Every {@value #CHECK_SECONDS} s, until the count is reached, this node asks its processor to merge a segment
 * it holds with its sibling (Axon's {@code mergeSegment}: the sibling's token is claimed, and the two tokens become one
 * merged token, so nothing is handled twice or skipped), and goes on at once while merges succeed (16 segments take 15
 * merges). While another node still holds the sibling, the merge fails and is tried again in the next round. A
 * deployment that configures more segments keeps them.
 */
public class SegmentMerges extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(SegmentMerges.class);
    private static final long CHECK_SECONDS = 5;
    private static final int MERGES_PER_ROUND = 64;

    private final String group;
    private final ObjectProvider<Configuration> axon;
    private final TokenStore tokens;
    private final int wanted;

    /** What one attempt came to. */
    private enum Outcome {
        /** No more segments than configured. */
        DONE,
        /** Two segments became one; more may follow at once. */
        MERGED,
        /** Nothing merged now (no segment held here, or no held segment's sibling free): the next round tries again. */
        WAITING
    }

    public SegmentMerges(
            String group, ObjectProvider<Configuration> axon, TokenStore tokens, EventProcessorProperties processors) {
        super(group + "-segments", Duration.ofSeconds(CHECK_SECONDS));
        this.group = group;
        this.axon = axon;
        this.tokens = tokens;
        EventProcessorProperties.ProcessorSettings settings =
                processors.getProcessors().get(group);
        this.wanted =
                settings == null || settings.getInitialSegmentCount() == null ? 1 : settings.getInitialSegmentCount();
    }

    /** One attempt; true once the processor has no more segments than configured. */
    public boolean mergeOnce() {
        return attempt() == Outcome.DONE;
    }

    private Outcome attempt() {
        int[] segments = tokens.fetchSegments(group);
        if (segments.length <= wanted) {
            return Outcome.DONE;
        }
        StreamingEventProcessor processor = (StreamingEventProcessor) axon.getObject()
                .eventProcessingConfiguration()
                .eventProcessor(group)
                .orElseThrow();
        // A segment merges only with a sibling of its own size: of 0, 1 and 3 (after 0 took 2), segment 0 waits
        // until 1 and 3 are one. So each held segment is tried until one merges.
        for (Integer held : processor.processingStatus().keySet()) {
            log.warn("{} has {} segments; merging segment {} with its sibling", group, segments.length, held);
            try {
                if (processor.mergeSegment(held).get(30, TimeUnit.SECONDS)) {
                    log.info("merge of segment {} of {}: done", held, group);
                    return Outcome.MERGED;
                }
                log.info("merge of segment {} of {}: refused", held, group);
            } catch (Exception e) {
                log.warn("merge of segment {} of {} failed, tried again later: {}", held, group, e.toString());
            }
        }
        return Outcome.WAITING;
    }

    @Override
    protected void round() {
        for (int attempt = 0; attempt < MERGES_PER_ROUND; attempt++) {
            Outcome outcome = attempt();
            if (outcome == Outcome.DONE) {
                done();
                return;
            }
            if (outcome == Outcome.WAITING) {
                return;
            }
        }
    }
}

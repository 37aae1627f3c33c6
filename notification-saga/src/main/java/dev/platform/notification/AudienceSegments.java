package dev.platform.notification;

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
import org.springframework.stereotype.Component;

/**
 * Brings an installation made before the audience had one segment down to one. The audience applies the whole
 * stream in order only with a single segment (see {@link NotificationSequencing}), and it has one thread: a second
 * segment left in {@code token_entry} would never be processed. Every {@value #CHECK_SECONDS} s, until one segment
 * is left, this node asks its processor to merge the segment it holds with its sibling (Axon's {@code
 * mergeSegment}: the sibling's token is claimed, and the two tokens become one merged token, so nothing is handled
 * twice or skipped). While another node still holds the sibling, the merge fails and is tried again.
 */
@Component
class AudienceSegments extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(AudienceSegments.class);
    private static final long CHECK_SECONDS = 5;

    private final ObjectProvider<Configuration> axon;
    private final TokenStore tokens;
    private final int wanted;

    AudienceSegments(ObjectProvider<Configuration> axon, TokenStore tokens, EventProcessorProperties processors) {
        super("audience-segments", Duration.ofSeconds(CHECK_SECONDS));
        this.axon = axon;
        this.tokens = tokens;
        // notification-saga.yml sets one segment; a deployment may configure more.
        EventProcessorProperties.ProcessorSettings audience =
                processors.getProcessors().get(NotificationAudience.GROUP);
        this.wanted =
                audience == null || audience.getInitialSegmentCount() == null ? 1 : audience.getInitialSegmentCount();
    }

    /** One attempt; true once the audience has no more segments than configured (one, unless set otherwise). */
    boolean mergeOnce() {
        int[] segments = tokens.fetchSegments(NotificationAudience.GROUP);
        if (segments.length <= wanted) {
            return true;
        }
        StreamingEventProcessor processor = (StreamingEventProcessor) axon.getObject()
                .eventProcessingConfiguration()
                .eventProcessor(NotificationAudience.GROUP)
                .orElseThrow();
        for (Integer held : processor.processingStatus().keySet()) {
            log.warn(
                    "{} has {} segments; merging segment {} with its sibling",
                    NotificationAudience.GROUP,
                    segments.length,
                    held);
            try {
                boolean merged = processor.mergeSegment(held).get(30, TimeUnit.SECONDS);
                log.info(
                        "merge of segment {} of {}: {}", held, NotificationAudience.GROUP, merged ? "done" : "refused");
            } catch (Exception e) {
                log.warn(
                        "merge of segment {} of {} failed, tried again later: {}",
                        held,
                        NotificationAudience.GROUP,
                        e.toString());
            }
            return false;
        }
        return false;
    }

    @Override
    protected void round() {
        if (mergeOnce()) {
            done();
        }
    }
}

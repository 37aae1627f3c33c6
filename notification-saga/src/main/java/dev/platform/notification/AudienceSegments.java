package dev.platform.notification;

import dev.platform.infra.axon.SegmentMerges;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Brings an installation made before the audience had one segment down to one ({@link SegmentMerges}). The audience
 * applies the whole stream in order only with a single segment (see {@link NotificationSequencing}), and it has one
 * thread: a second segment left in {@code token_entry} would never be processed.
 */
@Component
class AudienceSegments extends SegmentMerges {

    AudienceSegments(ObjectProvider<Configuration> axon, TokenStore tokens, EventProcessorProperties processors) {
        super(NotificationAudience.GROUP, axon, tokens, processors);
    }
}

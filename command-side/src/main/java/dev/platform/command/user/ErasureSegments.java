package dev.platform.command.user;

import dev.platform.infra.axon.SegmentMerges;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The erasure processors have one segment each (command-side.yml: every event of every write passes their
 * coordinators, which asked 16 work packages each whether they take it); an installation whose {@code erasure-content}
 * tokens were made with Axon's default of 16 is merged down to the configured count ({@link SegmentMerges}; {@code
 * erasure-subscriptions} alike, in its own package).
 */
@Component
class ErasureSegments extends SegmentMerges {

    ErasureSegments(ObjectProvider<Configuration> axon, TokenStore tokens, EventProcessorProperties processors) {
        super(ErasedContent.GROUP, axon, tokens, processors);
    }
}

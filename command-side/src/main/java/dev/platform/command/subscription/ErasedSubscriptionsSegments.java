package dev.platform.command.subscription;

import dev.platform.infra.axon.SegmentMerges;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@code erasure-subscriptions} merged down to its configured segment count, as {@code ErasureSegments} explains. */
@Component
class ErasedSubscriptionsSegments extends SegmentMerges {

    ErasedSubscriptionsSegments(
            ObjectProvider<Configuration> axon, TokenStore tokens, EventProcessorProperties processors) {
        super(ErasedSubscriptions.GROUP, axon, tokens, processors);
    }
}

package dev.platform.infra.axon;

import dev.platform.infra.web.RequestIds;
import org.axonframework.config.ConfigurerModule;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every event processor does unless its group says otherwise: it is a pooled streaming processor, and each
 * event it handles logs with the request id that caused it, reports after commit which aggregate version it has
 * applied (read-your-writes, see {@link ReadYourWrites}), and after a failed batch is handled event by event
 * ({@link EventByEvent}). An event the group applied in the transaction that stored it never reaches it ({@link
 * InlineAppliedEvents}). Where a failing event goes is {@link DeadLetterConfiguration}'s.
 */
@Configuration
class ProcessorDefaults {

    @Bean
    ConfigurerModule eventProcessing(ReadYourWrites readYourWrites, EventByEvent eventByEvent) {
        return configurer -> configurer
                .eventProcessing()
                .usingPooledStreamingEventProcessors()
                .registerDefaultHandlerInterceptor((config, processorName) -> (unitOfWork, chain) -> {
                    var event = unitOfWork.getMessage();
                    Object requestId = event.getMetaData().get(MessageMetadata.REQUEST_ID);
                    // An admin's retry of a parked event runs in the admin's request thread: its id comes back after.
                    String outer = MDC.get(RequestIds.MDC_KEY);
                    if (requestId != null) {
                        MDC.put(RequestIds.MDC_KEY, requestId.toString());
                    }
                    try {
                        eventByEvent.track(processorName, unitOfWork);
                        readYourWrites.trackCommit(processorName, unitOfWork);
                        return chain.proceed();
                    } finally {
                        if (outer == null) {
                            MDC.remove(RequestIds.MDC_KEY);
                        } else {
                            MDC.put(RequestIds.MDC_KEY, outer);
                        }
                    }
                });
    }
}

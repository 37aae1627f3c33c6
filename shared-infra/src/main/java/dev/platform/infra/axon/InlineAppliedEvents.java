package dev.platform.infra.axon;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.springframework.stereotype.Component;

/**
 * A projection's handler does not take an event its group applied inline ({@link InlineProjections}) when its
 * streaming processor meets it: the processor asks whether any handler can take an event before it starts a batch,
 * so an event applied inline costs that processor no batch, no transaction and no token write (its position is
 * stored with its next batch or its claim's extension). A replay and a dead letter's retry still take it, and so
 * does the inline application itself.
 */
@Component
class InlineAppliedEvents implements HandlerEnhancerDefinition {

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        if (group == null
                || !original.canHandleMessageType(EventMessage.class)
                || original.hasAnnotation(SagaEventHandler.class)) {
            return original;
        }
        String name = group.value();
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public boolean canHandle(Message<?> message) {
                // The handler's own check first: it rules out most handlers by the payload's type alone.
                return super.canHandle(message) && !InlineProjections.passesOver(name, message);
            }
        };
    }
}

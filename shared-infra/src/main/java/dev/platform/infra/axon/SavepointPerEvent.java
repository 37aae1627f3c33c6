package dev.platform.infra.axon;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a projection's event handler inside a savepoint while its event is handled on its own ({@link
 * EventByEvent}): a statement PostgreSQL refuses aborts the whole transaction, and without the savepoint neither
 * the rest of the batch nor the failing event's dead letter could be written. Applies to the handlers of classes
 * with a {@link ProcessingGroup} (projections), not to aggregates or sagas. While a command's first attempt applies
 * its events inline without savepoints, it tells {@link InlineProjections} of a handler's failure instead (the
 * attempt is then rolled back and tried again with savepoints).
 */
@Component
class SavepointPerEvent implements HandlerEnhancerDefinition {

    private final ObjectProvider<PlatformTransactionManager> transactions;

    SavepointPerEvent(ObjectProvider<PlatformTransactionManager> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)
                || !original.declaringClass().isAnnotationPresent(ProcessingGroup.class)
                || original.hasAnnotation(SagaEventHandler.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (InlineProjections.applyingWithoutSavepoints()) {
                    try {
                        return super.handle(message, target);
                    } catch (Exception e) {
                        InlineProjections.handlerFailed(e);
                        throw e;
                    }
                }
                if (!EventByEvent.isContained() || !TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                TransactionTemplate savepoint = new TransactionTemplate(transactions.getObject());
                savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
                try {
                    return savepoint.execute(status -> {
                        try {
                            return super.handle(message, target);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new CheckedFailure(e);
                        }
                    });
                } catch (CheckedFailure e) {
                    throw (Exception) e.getCause();
                }
            }
        };
    }

    /** Carries a handler's checked exception through the transaction template, which takes unchecked ones only. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}

package dev.platform.infra.axon;

import dev.platform.infra.db.StatementsAtCommit;
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
 * the rest of the batch nor the failing event's dead letter could be written. Statements a handler leaves for the
 * commit ({@link StatementsAtCommit}) run inside its savepoint, at its end. Applies to the handlers of classes
 * with a {@link ProcessingGroup} (projections), not to aggregates or sagas. While a command's first attempt applies
 * its events inline without savepoints, it tells {@link InlineProjections} of a handler's failure instead (the
 * attempt is then rolled back and tried again with savepoints).
 */
@Component
class SavepointPerEvent implements HandlerEnhancerDefinition {

    private final ObjectProvider<PlatformTransactionManager> transactions;
    private final ObjectProvider<StatementsAtCommit> atCommit;

    SavepointPerEvent(
            ObjectProvider<PlatformTransactionManager> transactions, ObjectProvider<StatementsAtCommit> atCommit) {
        this.transactions = transactions;
        this.atCommit = atCommit;
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
                // What earlier work left for the commit runs before the savepoint (its failure is not this event's),
                // and what this handler leaves runs inside it, at its end (a refusal then parks this event alone).
                StatementsAtCommit statements = atCommit.getObject();
                statements.flush();
                int mark = statements.mark();
                try {
                    return savepoint.execute(status -> {
                        try {
                            Object result = super.handle(message, target);
                            statements.flush();
                            return result;
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new CheckedFailure(e);
                        }
                    });
                } catch (CheckedFailure e) {
                    // Rolled back to the savepoint: what the handler left for the commit goes with it.
                    statements.dropAfter(mark);
                    throw (Exception) e.getCause();
                } catch (RuntimeException e) {
                    statements.dropAfter(mark);
                    throw e;
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

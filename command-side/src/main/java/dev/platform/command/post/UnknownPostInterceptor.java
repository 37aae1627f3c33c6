package dev.platform.command.post;

import dev.platform.api.post.PostId;
import dev.platform.api.post.PostNotFound;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A command for a post that has no events, or that was deleted (Axon's {@code AggregateDeletedException} is an
 * {@link AggregateNotFoundException}), is answered as {@link PostNotFound}, the same answer a stranger gets for a
 * draft, so the three cannot be told apart. Every command of the posts' package ({@code dev.platform.api.post}) but
 * the creation is one for an existing post, so a new one is covered without being listed here.
 */
@Component
class UnknownPostInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Class<?> command = unitOfWork.getMessage().getPayloadType();
        if (command.getPackage() != PostId.class.getPackage()) {
            return chain.proceed();
        }
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException e) {
            throw new PostNotFound();
        }
    }
}

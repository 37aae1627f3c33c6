package dev.platform.command.post;

import dev.platform.api.post.PostNotFound;
import dev.platform.api.post.PublishPost;
import dev.platform.api.post.PublishScheduledPost;
import dev.platform.api.post.SchedulePost;
import dev.platform.api.post.UnschedulePost;
import dev.platform.api.post.UpdatePost;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A command for a post that has no events is answered as {@link PostNotFound}, the same answer a stranger gets
 * for a draft, so the two cannot be told apart.
 */
@Component
class UnknownPostInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object command = unitOfWork.getMessage().getPayload();
        if (!(command instanceof UpdatePost)
                && !(command instanceof PublishPost)
                && !(command instanceof SchedulePost)
                && !(command instanceof UnschedulePost)
                && !(command instanceof PublishScheduledPost)) {
            return chain.proceed();
        }
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException e) {
            throw new PostNotFound();
        }
    }
}

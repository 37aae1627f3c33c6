package dev.platform.command.user;

import dev.platform.api.user.ChangePassword;
import dev.platform.api.user.ResetPassword;
import dev.platform.infra.security.TokenCutoffTable;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * A password change's (or reset's) state outside the event store: the new hash in {@code user_credentials} and the user's token
 * cutoff in {@code token_not_before}, written in the command's own transaction once the aggregate has accepted it,
 * so the hash, the cutoff and the {@code PasswordChanged} (or {@code PasswordReset}) event commit or roll back together. Registered on the
 * command bus inside the transaction interceptor, like {@link UniqueAccountClaims}.
 */
@Component
class PasswordChanges implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final UserAccounts accounts;
    private final TokenCutoffTable cutoffs;

    PasswordChanges(UserAccounts accounts, TokenCutoffTable cutoffs) {
        this.accounts = accounts;
        this.cutoffs = cutoffs;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (unitOfWork.getMessage().getPayload() instanceof ChangePassword change) {
            accounts.changePasswordHash(change.userId(), change.passwordHash());
            cutoffs.raise(change.userId(), change.tokensNotBefore());
        } else if (unitOfWork.getMessage().getPayload() instanceof ResetPassword reset) {
            accounts.changePasswordHash(reset.userId(), reset.passwordHash());
            cutoffs.raise(reset.userId(), reset.tokensNotBefore());
        }
        return result;
    }
}

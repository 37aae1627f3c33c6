package dev.platform.command.user;

import dev.platform.api.user.EmailTaken;
import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.Role;
import dev.platform.api.user.UpdateUserProfile;
import dev.platform.api.user.UsernameTaken;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The set rules of accounts (one account per e-mail, one per username, both case-insensitive): claimed in the
 * lookup tables inside the command's own transaction, before the aggregate applies its event. If the event
 * cannot be stored the claim rolls back with it; if the claim fails, no event is stored. Axon's Spring
 * autoconfiguration registers this bean on the command bus, inside the transaction interceptor.
 *
 * <p>The operator account's username ({@code platform.admin.username}, default {@code admin}) is reserved for
 * admins, whether or not an operator is configured yet: nobody else can register it or change to it, so no
 * account can pass for the operator by its name.
 */
@Component
class UniqueAccountClaims implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final UserAccounts accounts;
    private final String operatorUsernameKey;

    UniqueAccountClaims(UserAccounts accounts, AdminProperties operator) {
        this.accounts = accounts;
        this.operatorUsernameKey = UserAccounts.usernameKey(operator.username());
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object command = unitOfWork.getMessage().getPayload();
        if (command instanceof RegisterUser register) {
            if (!accounts.claimEmail(register.userId(), register.email(), register.passwordHash(), register.role())) {
                throw new EmailTaken();
            }
            if (register.role() != Role.ADMIN && reserved(register.username())) {
                throw new UsernameTaken();
            }
            if (!accounts.claimUsername(register.userId(), register.username())) {
                throw new UsernameTaken();
            }
        } else if (command instanceof UpdateUserProfile update
                && update.username().isPresent()) {
            if (reserved(update.username().get()) && !accounts.isAdmin(update.userId())) {
                throw new UsernameTaken();
            }
            if (!accounts.claimUsername(update.userId(), update.username().get())) {
                throw new UsernameTaken();
            }
        }
        return chain.proceed();
    }

    private boolean reserved(String username) {
        return UserAccounts.usernameKey(username).equals(operatorUsernameKey);
    }
}

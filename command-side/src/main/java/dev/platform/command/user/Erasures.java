package dev.platform.command.user;

import dev.platform.api.user.EraseUser;
import dev.platform.infra.personaldata.PersonalDataKeys;
import dev.platform.infra.security.TokenCutoffTable;
import java.time.Instant;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * An erasure's state outside the event store, written in the command's own transaction once the aggregate has
 * accepted it, so that the key's deletion, the end of the account's login and tokens and the {@code UserErased}
 * event commit or roll back together: the user's key goes (every stored copy of their personal fields becomes
 * unreadable at once), their credentials and username claim go into quarantine ({@link UserAccounts#quarantine}),
 * and every token of theirs is refused from then on (a cutoff no token reaches).
 */
@Component
class Erasures implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** The token cutoff of an erased account: after every token that can ever be issued. */
    static final Instant NO_TOKEN = Instant.parse("9999-01-01T00:00:00Z");

    private final PersonalDataKeys keys;
    private final UserAccounts accounts;
    private final TokenCutoffTable cutoffs;
    private final ErasureProperties properties;

    Erasures(PersonalDataKeys keys, UserAccounts accounts, TokenCutoffTable cutoffs, ErasureProperties properties) {
        this.keys = keys;
        this.accounts = accounts;
        this.cutoffs = cutoffs;
        this.properties = properties;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (unitOfWork.getMessage().getPayload() instanceof EraseUser erase) {
            keys.erase(erase.userId().value(), erase.erasedBy().value(), erase.erasedAt());
            accounts.quarantine(erase.userId(), erase.erasedAt().plus(properties.quarantine()));
            cutoffs.raise(erase.userId(), NO_TOKEN);
        }
        return result;
    }
}

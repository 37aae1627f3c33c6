package dev.platform.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.Role;
import dev.platform.api.user.UpdateUserProfile;
import dev.platform.api.user.UserId;
import dev.platform.api.user.UsernameTaken;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's username is reserved for admins, configured operator or not. */
class UniqueAccountClaimsTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final UserAccounts accounts = mock(UserAccounts.class);
    private final InterceptorChain chain = mock(InterceptorChain.class);
    private final UniqueAccountClaims claims = new UniqueAccountClaims(accounts, new AdminProperties("", "", "Chief"));
    private final UserId user = new UserId(UUID.fromString("00000000-0000-0000-0000-000000000001"));

    @BeforeEach
    void everythingFree() throws Exception {
        when(accounts.claimEmail(any(), anyString(), anyString(), any())).thenReturn(true);
        when(accounts.claimUsername(any(), anyString())).thenReturn(true);
        when(chain.proceed()).thenReturn("handled");
    }

    private Object handle(Object command) throws Exception {
        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command));
        try {
            return claims.handle(unitOfWork, chain);
        } finally {
            unitOfWork.rollback();
        }
    }

    private static RegisterUser register(UserId id, String username, Role role) {
        return new RegisterUser(id, "x@example.com", username, role, "hash", NOW);
    }

    @Test
    void nobodyButAnAdminRegistersTheOperatorsUsernameInAnyCase() throws Exception {
        assertThatThrownBy(() -> handle(register(user, "CHIEF", Role.READER))).isInstanceOf(UsernameTaken.class);
        assertThatThrownBy(() -> handle(register(user, "chief", Role.CREATOR))).isInstanceOf(UsernameTaken.class);
        verify(accounts, never()).claimUsername(any(), anyString());
        verify(chain, never()).proceed();

        assertThat(handle(register(user, "Chief", Role.ADMIN))).isEqualTo("handled");
        verify(accounts).claimUsername(user, "Chief");
    }

    @Test
    void nobodyButAnAdminChangesToTheOperatorsUsername() throws Exception {
        var change = new UpdateUserProfile(user, Optional.of("cHiEf"), Optional.empty(), NOW);

        assertThatThrownBy(() -> handle(change)).isInstanceOf(UsernameTaken.class);
        verify(accounts, never()).claimUsername(any(), anyString());

        when(accounts.isAdmin(user)).thenReturn(true);
        assertThat(handle(change)).isEqualTo("handled");
        verify(accounts).claimUsername(user, "cHiEf");
    }

    @Test
    void otherNamesAreClaimedAsBefore() throws Exception {
        assertThat(handle(register(user, "chieftain", Role.READER))).isEqualTo("handled");
        when(accounts.claimUsername(user, "taken_name")).thenReturn(false);
        assertThatThrownBy(() -> handle(new UpdateUserProfile(user, Optional.of("taken_name"), Optional.empty(), NOW)))
                .isInstanceOf(UsernameTaken.class);
    }
}

package dev.platform.query.user;

import dev.platform.api.common.ReadModels;
import dev.platform.api.user.EmailVerified;
import dev.platform.api.user.PasswordChanged;
import dev.platform.api.user.PasswordReset;
import dev.platform.api.user.PasswordResetRequested;
import dev.platform.api.user.ProfileField;
import dev.platform.api.user.UserErased;
import dev.platform.api.user.UserProfileUpdated;
import dev.platform.api.user.UserRegistered;
import dev.platform.api.user.VerificationRequested;
import dev.platform.infra.axon.StorableText;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Projects users into {@code user_view}. Idempotent under redelivery: each row remembers the last applied
 * sequence number and older events leave it alone. A profile update for a row that is missing is an error
 * (the event parks in the dead-letter queue), never silently skipped. Text the table cannot store (a NUL in an event
 * from before the API refused it) is stored without it ({@link StorableText}).
 */
@Component
@ProcessingGroup(ReadModels.USERS)
class UserProjection {

    private final UserViewTable table;

    UserProjection(UserViewTable table) {
        this.table = table;
    }

    @EventHandler
    void on(UserRegistered event, @SequenceNumber long sequence) {
        table.insert(
                event.userId(),
                StorableText.of(event.email(), "email", event.userId()),
                StorableText.of(event.username(), "username", event.userId()),
                event.role(),
                event.registeredAt(),
                sequence);
    }

    @EventHandler
    void on(UserProfileUpdated event, @SequenceNumber long sequence) {
        // Only the fields the update set change; the event holds no value for the others.
        boolean updated = table.updateProfile(
                event.userId(),
                event.sets(ProfileField.USERNAME),
                StorableText.of(event.username(), "username", event.userId()),
                event.sets(ProfileField.BIO),
                StorableText.of(event.bio(), "bio", event.userId()),
                event.updatedAt(),
                sequence);
        if (!updated && !table.exists(event.userId())) {
            throw new IllegalStateException("user_view has no row for " + event.userId());
        }
    }

    /** Shows nothing new, but the account's version moves on: the next {@code If-Match} names it. */
    @EventHandler
    void on(PasswordChanged event, @SequenceNumber long sequence) {
        if (!table.advanceVersion(event.userId(), sequence) && !table.exists(event.userId())) {
            throw new IllegalStateException("user_view has no row for " + event.userId());
        }
    }

    /** Like a password change: nothing shown, the version moves on. */
    @EventHandler
    void on(VerificationRequested event, @SequenceNumber long sequence) {
        if (!table.advanceVersion(event.userId(), sequence) && !table.exists(event.userId())) {
            throw new IllegalStateException("user_view has no row for " + event.userId());
        }
    }

    /** Like a password change: nothing shown, the version moves on. */
    @EventHandler
    void on(PasswordResetRequested event, @SequenceNumber long sequence) {
        if (!table.advanceVersion(event.userId(), sequence) && !table.exists(event.userId())) {
            throw new IllegalStateException("user_view has no row for " + event.userId());
        }
    }

    /** Like a password change: nothing shown, the version moves on. */
    @EventHandler
    void on(PasswordReset event, @SequenceNumber long sequence) {
        if (!table.advanceVersion(event.userId(), sequence) && !table.exists(event.userId())) {
            throw new IllegalStateException("user_view has no row for " + event.userId());
        }
    }

    @EventHandler
    void on(EmailVerified event, @SequenceNumber long sequence) {
        if (!table.markEmailVerified(event.userId(), sequence) && !table.exists(event.userId())) {
            throw new IllegalStateException("user_view has no row for " + event.userId());
        }
    }

    /** The person is erased: their row keeps no personal data (a rebuild reads it as null anyway: the key is gone). */
    @EventHandler
    void on(UserErased event, @SequenceNumber long sequence) {
        if (!table.erase(event.userId(), event.erasedAt(), sequence) && !table.exists(event.userId())) {
            throw new IllegalStateException("user_view has no row for " + event.userId());
        }
    }

    @ResetHandler
    void reset() {
        table.truncate();
    }
}

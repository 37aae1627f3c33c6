package dev.platform.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.user.ChangePassword;
import dev.platform.api.user.EmailVerified;
import dev.platform.api.user.EraseUser;
import dev.platform.api.user.PasswordChanged;
import dev.platform.api.user.PasswordReset;
import dev.platform.api.user.PasswordResetRequested;
import dev.platform.api.user.ProfileField;
import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.RequestPasswordReset;
import dev.platform.api.user.RequestVerificationEmail;
import dev.platform.api.user.ResetPassword;
import dev.platform.api.user.ResetTokenSpent;
import dev.platform.api.user.Role;
import dev.platform.api.user.UpdateUserProfile;
import dev.platform.api.user.UserErased;
import dev.platform.api.user.UserId;
import dev.platform.api.user.UserProfileUpdated;
import dev.platform.api.user.UserRegistered;
import dev.platform.api.user.VerificationRequested;
import dev.platform.api.user.VerifyEmail;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user account.
 *
 * <p>Invariants: the e-mail and the role are fixed at registration (changing either is out of scope); an
 * update changes at least one of username and bio, and a conditional one ({@link ExpectedVersion}, a client's
 * {@code If-Match}) changes nothing unless the account is at a version it names. Uniqueness of e-mail and
 * username across accounts is a set rule no single aggregate can see: {@link UniqueAccountClaims} enforces it in
 * the same transaction (before this aggregate's version check, so a taken username is told before a stale
 * version). A password change is always accepted here (the current password is checked at the edge, against the
 * hash the aggregate never holds); {@link PasswordChanges} stores the new hash and the token cutoff in the same
 * transaction as its event. An address is verified at most once: a second verification (the link used again) is
 * a no-op, since a retry of the same click is likely and the fact is already true. Verification e-mails are
 * numbered (registration sent number 1); another is recorded only while the address is unverified and at least the
 * command's interval after the previous request for one (the registration's e-mail does not count: it may never
 * have arrived).
 *
 * <p>Password reset e-mails are numbered from 1; one is recorded only while fewer than the command's {@code maxEmails}
 * were recorded within its {@code window} before it (anyone may ask, so the pace keeps the address from being
 * mail-bombed). A reset with the token of request {@code n} is accepted only while {@code n} is unspent: at most the
 * number of requests recorded and above every request made before the last reset or password change. A reset or a
 * change spends every request recorded until then, and a reset proves the address reaches its owner, so it also
 * verifies an unverified address.
 *
 * <p>An erased account ({@link UserErased}, crypto-shredding: docs/audit.md) takes no command any more: each is
 * refused as an unknown user, a second erasure too.
 */
// Only events of this aggregate type are read: another aggregate's id is an unknown one (see Post).
@Aggregate(filterEventsByType = true)
class User {

    @AggregateIdentifier
    private UserId id;

    private String email;
    private String username;
    private String bio;
    private Role role;
    private boolean emailVerified;
    private int verificationRequests;
    private Instant lastVerificationRequestedAt;
    private boolean erased;
    private int resetRequests;
    private int spentResetRequests;
    // The times of the latest reset requests, newest last: as many as the largest pace a command may ask for.
    private final Deque<Instant> recentResetRequests = new ArrayDeque<>();

    User() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    User(RegisterUser command) {
        apply(new UserRegistered(
                command.userId(), command.email(), command.username(), command.role(), command.registeredAt()));
    }

    @CommandHandler
    ProfileResult handle(UpdateUserProfile command) {
        refuseIfErased();
        if (command.username().isEmpty() && command.bio().isEmpty()) {
            throw new IllegalArgumentException("an update must change the username or the bio");
        }
        ExpectedVersion.check(command.expectedVersion(), AggregateLifecycle.getVersion());
        // The event records what this update set, and nothing else: the audit trail shows what the user did.
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);
        command.username().ifPresent(name -> changed.add(ProfileField.USERNAME));
        command.bio().ifPresent(text -> changed.add(ProfileField.BIO));
        // An empty bio clears it (Optional.map cannot produce the null that clearing needs).
        String newBio = command.bio().isPresent() ? emptyToNull(command.bio().get()) : null;
        apply(new UserProfileUpdated(id, changed, command.username().orElse(null), newBio, command.updatedAt()));
        // apply() has run the event sourcing handler: the fields hold the profile after the change.
        return new ProfileResult(id, email, username, bio, role, command.updatedAt(), AggregateLifecycle.getVersion());
    }

    @CommandHandler
    PasswordResult handle(ChangePassword command) {
        refuseIfErased();
        apply(new PasswordChanged(id, command.changedAt(), command.tokensNotBefore()));
        return new PasswordResult(id, role, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    VerificationResult handle(VerifyEmail command) {
        refuseIfErased();
        if (!emailVerified) {
            apply(new EmailVerified(id, command.verifiedAt()));
        }
        return new VerificationResult(id, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    VerificationRequestResult handle(RequestVerificationEmail command) {
        refuseIfErased();
        if (emailVerified) {
            return new VerificationRequestResult(id, true, null, AggregateLifecycle.getVersion());
        }
        if (lastVerificationRequestedAt != null) {
            Instant allowedAt = lastVerificationRequestedAt.plus(command.minInterval());
            if (command.requestedAt().isBefore(allowedAt)) {
                return new VerificationRequestResult(id, false, allowedAt, AggregateLifecycle.getVersion());
            }
        }
        apply(new VerificationRequested(id, verificationRequests + 1, command.requestedAt()));
        return new VerificationRequestResult(id, false, null, AggregateLifecycle.getVersion());
    }

    /** @return whether a reset e-mail was recorded (false: the pace allows none now) */
    @CommandHandler
    boolean handle(RequestPasswordReset command) {
        refuseIfErased();
        if (command.maxEmails() < 1 || command.maxEmails() > RequestPasswordReset.MAX_EMAILS_LIMIT) {
            throw new IllegalArgumentException("maxEmails must be 1 to " + RequestPasswordReset.MAX_EMAILS_LIMIT);
        }
        Instant windowStart = command.requestedAt().minus(command.window());
        long inWindow = recentResetRequests.stream()
                .filter(at -> at.isAfter(windowStart))
                .count();
        if (inWindow >= command.maxEmails()) {
            return false;
        }
        apply(new PasswordResetRequested(id, resetRequests + 1, command.requestedAt()));
        return true;
    }

    @CommandHandler
    PasswordResult handle(ResetPassword command) {
        refuseIfErased();
        if (command.request() <= spentResetRequests || command.request() > resetRequests) {
            throw new ResetTokenSpent();
        }
        apply(new PasswordReset(id, command.request(), command.resetAt(), command.tokensNotBefore()));
        if (!emailVerified) {
            apply(new EmailVerified(id, command.resetAt()));
        }
        return new PasswordResult(id, role, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    long handle(EraseUser command) {
        refuseIfErased();
        apply(new UserErased(id, command.erasedBy(), command.erasedAt()));
        return AggregateLifecycle.getVersion();
    }

    private void refuseIfErased() {
        if (erased) {
            throw new DomainException(ErrorCode.USER_NOT_FOUND, "User not found.");
        }
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = event.userId();
        email = event.email();
        username = event.username();
        role = event.role();
        verificationRequests = 1;
    }

    @EventSourcingHandler
    void on(UserProfileUpdated event) {
        if (event.sets(ProfileField.USERNAME)) {
            username = event.username();
        }
        if (event.sets(ProfileField.BIO)) {
            bio = event.bio();
        }
    }

    /** What the aggregate held of the person goes with them. */
    @EventSourcingHandler
    void on(UserErased event) {
        erased = true;
        email = null;
        username = null;
        bio = null;
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        spentResetRequests = resetRequests;
    }

    @EventSourcingHandler
    void on(PasswordResetRequested event) {
        resetRequests = event.request();
        recentResetRequests.addLast(event.requestedAt());
        while (recentResetRequests.size() > RequestPasswordReset.MAX_EMAILS_LIMIT) {
            recentResetRequests.removeFirst();
        }
    }

    @EventSourcingHandler
    void on(PasswordReset event) {
        spentResetRequests = resetRequests;
    }

    @EventSourcingHandler
    void on(EmailVerified event) {
        emailVerified = true;
    }

    @EventSourcingHandler
    void on(VerificationRequested event) {
        verificationRequests = event.request();
        lastVerificationRequestedAt = event.requestedAt();
    }
}

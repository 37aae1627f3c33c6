package dev.platform.command.user;

import dev.platform.api.common.ReadModels;
import dev.platform.api.user.ResetPassword;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.AccountToken;
import dev.platform.infra.security.AccountTokenPurpose;
import dev.platform.infra.security.AccountTokens;
import dev.platform.infra.security.RevokedTokens;
import dev.platform.infra.security.SecurityConfiguration;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.FieldErrors;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password reset by e-mail, no login. Asking answers 202 with the same body whether or not an account has the
 * address, and in the same time: the request is handled after the answer ({@link PasswordResetRequests}); for an
 * account the aggregate records a numbered request (at its pace) and the notification side e-mails a token signed for
 * it. Confirming checks the token's signature, purpose and expiry here ({@link AccountTokens}) and whether it is spent
 * in the aggregate, then sets the password exactly as a change does: the new hash and the token cutoff in the event's
 * transaction ({@link PasswordChanges}), every token issued before refused on every node ({@link RevokedTokens}).
 * The account's failed logins are cleared: whoever failed before, the password they tried is no longer the one. The
 * answer carries no access token: login stays the one place that issues them to someone without one.
 */
@RestController
class PasswordResetController {

    static final String INVALID =
            "must be the token of a password reset e-mail of this platform, unaltered and unexpired";

    private final PasswordResetRequests requests;
    private final AccountTokens tokens;
    private final PasswordEncoder passwords;
    private final UserAccounts accounts;
    private final LoginThrottle throttle;
    private final CommandGateway commands;
    private final RevokedTokens revoked;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    PasswordResetController(
            PasswordResetRequests requests,
            AccountTokens tokens,
            PasswordEncoder passwords,
            UserAccounts accounts,
            LoginThrottle throttle,
            CommandGateway commands,
            RevokedTokens revoked,
            ReadYourWrites readYourWrites,
            Clock clock) {
        this.requests = requests;
        this.tokens = tokens;
        this.passwords = passwords;
        this.accounts = accounts;
        this.throttle = throttle;
        this.commands = commands;
        this.revoked = revoked;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    /** The answer to a reset request: the address as it is compared (lower-cased), known or not. */
    record ResetRequested(String email) {}

    /** The account whose password was set. */
    record PasswordWasReset(UserId id) {}

    @PostMapping(
            path = SecurityConfiguration.PASSWORD_RESET,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ResetRequested> request(@RequestBody @Valid PasswordResetRequest body) {
        String emailKey = UserAccounts.emailKey(body.email());
        requests.submit(emailKey, ApiTime.now(clock));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ResetRequested(emailKey));
    }

    @PostMapping(
            path = SecurityConfiguration.PASSWORD_RESET_CONFIRM,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    PasswordWasReset confirm(@RequestBody @Valid ConfirmPasswordResetRequest body) {
        AccountToken token = tokens.verify(body.token(), AccountTokenPurpose.PASSWORD_RESET)
                .orElseThrow(() -> FieldErrors.failure("token", INVALID));
        var account = accounts.findById(token.userId()).orElseThrow(() -> FieldErrors.failure("token", INVALID));
        String hash = passwords.encode(body.password());
        Instant resetAt = ApiTime.now(clock);
        Instant notBefore = RevokedTokens.notBeforeFor(resetAt);
        PasswordResult result;
        try {
            result = commands.sendAndWait(new ResetPassword(token.userId(), token.request(), hash, resetAt, notBefore));
        } catch (AggregateNotFoundException gone) {
            // Signed for an account this store does not have (another environment's key): as good as forged.
            throw FieldErrors.failure("token", INVALID);
        }
        // Committed: this node refuses the older tokens at once, the others within their poll interval.
        revoked.learn(result.id(), notBefore);
        throttle.succeeded(account.email());
        readYourWrites.await(ReadModels.USERS, result.id().toString(), result.version());
        return new PasswordWasReset(result.id());
    }
}

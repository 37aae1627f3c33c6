package dev.platform.command.user;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ReadModels;
import dev.platform.api.user.RequestVerificationEmail;
import dev.platform.api.user.UserId;
import dev.platform.api.user.VerifyEmail;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.AccountToken;
import dev.platform.infra.security.AccountTokenPurpose;
import dev.platform.infra.security.AccountTokens;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.security.SecurityConfiguration;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Refusals;
import dev.platform.infra.web.RetryLater;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Address verification, no login: the signed token of the link sent to the address names the account ({@link
 * AccountTokens}), and holding it proves the address reaches its owner. Using a link again answers the same 200
 * (the fact is already true, and a second click is the likely retry); a token that is not one of this
 * platform's, is for another purpose or has expired is a 400 naming {@code token}. The owner may ask for another
 * link, once per {@link #RESEND_INTERVAL}: each is an e-mail to an address nobody has confirmed yet, so an
 * unbounded resend would let a stolen session mail-bomb it.
 */
@RestController
class VerificationController {

    /** The least time between two requests for another verification e-mail of one account. */
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    static final String INVALID = "must be the token of a verification link of this platform, unaltered and unexpired";

    private final AccountTokens tokens;
    private final CommandGateway commands;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    VerificationController(AccountTokens tokens, CommandGateway commands, ReadYourWrites readYourWrites, Clock clock) {
        this.tokens = tokens;
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    record VerifiedAddress(UserId id, boolean emailVerified) {}

    @PostMapping(
            path = SecurityConfiguration.VERIFY_EMAIL,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    VerifiedAddress verify(@RequestBody @Valid VerifyEmailRequest body) {
        AccountToken token = tokens.verify(body.token(), AccountTokenPurpose.VERIFY_EMAIL)
                .orElseThrow(() -> FieldErrors.failure("token", INVALID));
        VerificationResult result;
        try {
            result = commands.sendAndWait(new VerifyEmail(token.userId(), ApiTime.now(clock)));
        } catch (AggregateNotFoundException gone) {
            // Signed for an account this store does not have (another environment's key): as good as forged.
            throw FieldErrors.failure("token", INVALID);
        }
        // The owner's profile shows the verification at once after this answer.
        readYourWrites.await(ReadModels.USERS, result.id().toString(), result.version());
        return new VerifiedAddress(result.id(), true);
    }

    /**
     * Another verification e-mail: 202 when the request is recorded, 200 when the address is verified already (nothing
     * sent), 429 with {@code Retry-After} within a minute of the previous request.
     */
    @PostMapping(path = "/api/v1/users/{id}/verification-email", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VerifiedAddress> resend(@PathVariable UserId id, @AuthenticationPrincipal AuthenticatedUser caller) {
        if (!caller.is(id)) {
            throw Refusals.forbidden("Only the owner may ask for a verification e-mail.");
        }
        Instant now = ApiTime.now(clock);
        VerificationRequestResult result = commands.sendAndWait(new RequestVerificationEmail(id, now, RESEND_INTERVAL));
        if (result.retryAt() != null) {
            long seconds = Duration.between(now, result.retryAt()).toSeconds() + 1;
            throw new RetryLater(
                    ErrorCode.RATE_LIMITED, "A verification e-mail was sent less than a minute ago.", seconds);
        }
        readYourWrites.await(ReadModels.USERS, id.toString(), result.version());
        return ResponseEntity.status(result.alreadyVerified() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(new VerifiedAddress(id, result.alreadyVerified()));
    }
}

package dev.platform.command.user;

import dev.platform.api.common.ReadModels;
import dev.platform.api.user.ChangePassword;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.security.JwtService;
import dev.platform.infra.security.RevokedTokens;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.Refusals;
import dev.platform.infra.web.body.RejectedBody;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A password change by the logged-in owner. The current password is checked like a login's ({@link OwnPassword}:
 * the same throttle, a wrong one is a 400 naming {@code current_password}). The change refuses every token issued before it, the caller's too, so the answer
 * carries a new one ({@link RevokedTokens}).
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class PasswordController {

    private final PasswordEncoder passwords;
    private final OwnPassword ownPassword;
    private final CommandGateway commands;
    private final RevokedTokens revoked;
    private final ReadYourWrites readYourWrites;
    private final JwtService jwt;
    private final Clock clock;

    PasswordController(
            PasswordEncoder passwords,
            OwnPassword ownPassword,
            CommandGateway commands,
            RevokedTokens revoked,
            ReadYourWrites readYourWrites,
            JwtService jwt,
            Clock clock) {
        this.passwords = passwords;
        this.ownPassword = ownPassword;
        this.commands = commands;
        this.revoked = revoked;
        this.readYourWrites = readYourWrites;
        this.jwt = jwt;
        this.clock = clock;
    }

    /** Only the owner may change it, and that is checked before the body is judged, hence the {@link BindingResult}. */
    @PostMapping(path = "/{id}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LoginController.AccessToken> change(
            @PathVariable UserId id,
            @RequestBody @Valid ChangePasswordRequest body,
            BindingResult invalid,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (!caller.is(id)) {
            throw Refusals.forbidden("Only the owner may change a password.");
        }
        RejectedBody.throwIfAny(invalid);
        ownPassword.mustMatch(id, body.currentPassword(), "current_password");

        String hash = passwords.encode(body.password());
        Instant changedAt = ApiTime.now(clock);
        Instant notBefore = RevokedTokens.notBeforeFor(changedAt);
        PasswordResult result = commands.sendAndWait(new ChangePassword(id, hash, changedAt, notBefore));
        // Committed: this node refuses the older tokens at once, the others within their poll interval.
        revoked.learn(id, notBefore);
        readYourWrites.await(ReadModels.USERS, id.toString(), result.version());
        return ResponseEntity.ok(
                new LoginController.AccessToken(jwt.issue(id, result.role(), notBefore), "bearer", jwt.ttlSeconds()));
    }
}

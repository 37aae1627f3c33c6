package dev.platform.command.user;

import dev.platform.api.common.ReadModels;
import dev.platform.api.user.EraseUser;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.security.RevokedTokens;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Refusals;
import dev.platform.infra.web.body.RejectedBody;
import jakarta.validation.Valid;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure of a person (crypto-shredding, docs/audit.md): by themselves with their password (checked by
 * {@link OwnPassword} like a password change's current one; wrong or missing is a 400 naming {@code password}), or by an
 * admin without one. Anyone else is refused (403). The answer is 204 once the erasure has committed: the key is gone,
 * no token of the person is accepted any more, on this node at once and on the others within their poll interval.
 */
@RestController
@RequestMapping(path = "/api/v1/users")
class ErasureController {

    private final OwnPassword ownPassword;
    private final CommandGateway commands;
    private final RevokedTokens revoked;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    ErasureController(
            OwnPassword ownPassword,
            CommandGateway commands,
            RevokedTokens revoked,
            ReadYourWrites readYourWrites,
            Clock clock) {
        this.ownPassword = ownPassword;
        this.commands = commands;
        this.revoked = revoked;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    /** Who may erase is checked before the body is judged, hence the {@link BindingResult}. */
    @DeleteMapping(path = "/{id}")
    ResponseEntity<Void> erase(
            @PathVariable UserId id,
            @RequestBody(required = false) @Valid EraseUserRequest body,
            BindingResult invalid,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        boolean self = caller.is(id);
        if (!self && !caller.isAdmin()) {
            throw Refusals.forbidden("Only the person themselves or an admin may erase an account.");
        }
        RejectedBody.throwIfAny(invalid);
        if (self) {
            String password = body == null ? null : body.password();
            if (password == null) {
                throw FieldErrors.failure("password", "is required to erase one's own account");
            }
            ownPassword.mustMatch(id, password, "password");
        }
        long version = commands.sendAndWait(new EraseUser(id, caller.id(), ApiTime.now(clock)));
        // Committed: this node refuses the person's tokens at once, the others within their poll interval.
        revoked.learn(id, Erasures.NO_TOKEN);
        readYourWrites.await(ReadModels.USERS, id.toString(), version);
        return ResponseEntity.noContent().build();
    }
}

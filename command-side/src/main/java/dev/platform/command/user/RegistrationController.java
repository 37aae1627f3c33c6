package dev.platform.command.user;

import dev.platform.api.common.ReadModels;
import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.MessageMetadata;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.idempotency.IdempotentIds;
import dev.platform.infra.time.ApiTime;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration: a new account answers once the users projection has it, so the new user's profile reads at once.
 * Reading a profile is the query side's.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class RegistrationController {

    private final CommandGateway commands;
    private final ReadYourWrites readYourWrites;
    private final PasswordEncoder passwords;
    private final Clock clock;

    RegistrationController(
            CommandGateway commands, ReadYourWrites readYourWrites, PasswordEncoder passwords, Clock clock) {
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.passwords = passwords;
        this.clock = clock;
    }

    record RegisteredUser(UserId id, String email, String username, Role role, Instant createdAt) {}

    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RegisteredUser> register(@RequestBody @Valid RegisterUserRequest body) {
        UserId id = new UserId(IdempotentIds.newResourceId());
        String email = UserAccounts.emailKey(body.email());
        Role role = body.signUpRole();
        Instant now = ApiTime.now(clock);
        var register = new RegisterUser(id, email, body.username(), role, passwords.encode(body.password()), now);
        // Nobody is authenticated yet: the new user is the actor of their own registration.
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(register)
                .andMetaData(Map.of(MessageMetadata.ACTOR_ID, id.toString())));
        readYourWrites.await(ReadModels.USERS, id.toString(), 0);
        return ResponseEntity.created(URI.create("/api/v1/users/" + id))
                .body(new RegisteredUser(id, email, body.username(), role, now));
    }
}

package dev.platform.command.user;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ReadModels;
import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.Role;
import dev.platform.api.user.UpdateUserProfile;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.ConditionalCommands;
import dev.platform.infra.axon.MessageMetadata;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.idempotency.IdempotentIds;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.security.JwtService;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.EntityTags;
import dev.platform.infra.web.Overloaded;
import dev.platform.infra.web.Preconditions;
import dev.platform.infra.web.Refusals;
import dev.platform.infra.web.body.RejectedBody;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration, login and profile updates. Reading a profile is the query side's. A profile update with
 * {@code If-Match} is conditional on the account's version (checked by the aggregate) and answers the new
 * {@code ETag}.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserController {

    private final CommandGateway commands;
    private final ConditionalCommands conditionalCommands;
    private final Preconditions preconditions;
    private final ReadYourWrites readYourWrites;
    private final PasswordEncoder passwords;
    private final UserAccounts accounts;
    private final LoginThrottle throttle;
    private final JwtService jwt;
    private final Clock clock;
    // Compared against when the e-mail is unknown, so both failures take the same time.
    private final String unknownUserHash;

    UserController(
            CommandGateway commands,
            ConditionalCommands conditionalCommands,
            Preconditions preconditions,
            ReadYourWrites readYourWrites,
            PasswordEncoder passwords,
            UserAccounts accounts,
            LoginThrottle throttle,
            JwtService jwt,
            Clock clock) {
        this.commands = commands;
        this.conditionalCommands = conditionalCommands;
        this.preconditions = preconditions;
        this.readYourWrites = readYourWrites;
        this.passwords = passwords;
        this.accounts = accounts;
        this.throttle = throttle;
        this.jwt = jwt;
        this.clock = clock;
        this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
    }

    record RegisteredUser(UserId id, String email, String username, Role role, Instant createdAt) {}

    record AccessToken(String accessToken, String tokenType, long expiresIn) {}

    record UpdatedProfile(UserId id, String email, String username, String bio, Role role, Instant updatedAt) {}

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

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccessToken> login(@RequestBody @Valid LoginRequest form) {
        String emailKey = UserAccounts.emailKey(form.email());
        // Counted before the check (429 once 10 are counted); a wrong password leaves it counted as a failure.
        LoginThrottle.Attempt attempt = throttle.reserve(emailKey);
        var credentials = accounts.findByEmail(emailKey);
        boolean matches;
        try {
            matches = passwords.matches(
                    form.password(),
                    credentials.map(UserAccounts.Credentials::passwordHash).orElse(unknownUserHash));
        } catch (Overloaded notChecked) {
            throttle.release(attempt);
            throw notChecked;
        }
        if (credentials.isEmpty() || !matches) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "The e-mail or the password is wrong.");
        }
        throttle.succeeded(emailKey);
        var user = credentials.get();
        return ResponseEntity.ok(new AccessToken(jwt.issue(user.userId(), user.role()), "bearer", jwt.ttlSeconds()));
    }

    /** Only the owner may update, and that is checked before the body is judged, hence the {@link BindingResult}. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UpdatedProfile> update(
            @PathVariable UserId id,
            @RequestBody @Valid UpdateUserRequest body,
            BindingResult invalid,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (!caller.is(id)) {
            throw Refusals.forbidden("Only the owner may change a profile.");
        }
        RejectedBody.throwIfAny(invalid);

        ProfileResult profile = conditionalCommands.sendAndWait(new UpdateUserProfile(
                id,
                Optional.ofNullable(body.username()),
                Optional.ofNullable(body.bio()),
                ApiTime.now(clock),
                preconditions.ifMatch(ifMatch)));
        readYourWrites.await(ReadModels.USERS, id.toString(), profile.version());
        return ResponseEntity.ok()
                .eTag(EntityTags.of(profile.version()))
                .body(new UpdatedProfile(
                        profile.id(),
                        profile.email(),
                        profile.username(),
                        profile.bio(),
                        profile.role(),
                        profile.updatedAt()));
    }
}

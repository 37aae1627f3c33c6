package dev.platform.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ReadModels;
import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.Role;
import dev.platform.api.user.UpdateUserProfile;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.AxonInfrastructure;
import dev.platform.infra.axon.ConditionalCommands;
import dev.platform.infra.axon.ProjectionProgress;
import dev.platform.infra.idempotency.IdempotentIds;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.security.JwtService;
import dev.platform.infra.web.ApiException;
import dev.platform.infra.web.EntityTags;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Overloaded;
import dev.platform.infra.web.Preconditions;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
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
    private final ProjectionProgress projections;
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
            ProjectionProgress projections,
            PasswordEncoder passwords,
            UserAccounts accounts,
            LoginThrottle throttle,
            JwtService jwt,
            Clock clock) {
        this.commands = commands;
        this.conditionalCommands = conditionalCommands;
        this.preconditions = preconditions;
        this.projections = projections;
        this.passwords = passwords;
        this.accounts = accounts;
        this.throttle = throttle;
        this.jwt = jwt;
        this.clock = clock;
        this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
    }

    record RegistrationForm(String email, String password, String username, String role) {}

    record RegisteredUser(UserId id, String email, String username, Role role, Instant createdAt) {}

    record LoginForm(String email, String password) {}

    record AccessToken(String accessToken, String tokenType, long expiresIn) {}

    record UpdatedProfile(UserId id, String email, String username, String bio, Role role, Instant updatedAt) {}

    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RegisteredUser> register(@RequestBody RegistrationForm form) {
        FieldErrors errors = new FieldErrors();
        AccountRules.email(errors, form.email());
        AccountRules.password(errors, form.password());
        AccountRules.username(errors, form.username());
        Optional<Role> role = Role.fromApiName(form.role()).filter(r -> r != Role.ADMIN);
        if (role.isEmpty()) {
            errors.add("role", "must be \"creator\" or \"reader\"");
        }
        errors.throwIfAny();

        UserId id = new UserId(IdempotentIds.newResourceId());
        String email = UserAccounts.emailKey(form.email());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var register = new RegisterUser(id, email, form.username(), role.get(), passwords.encode(form.password()), now);
        // Nobody is authenticated yet: the new user is the actor of their own registration.
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(register)
                .andMetaData(Map.of(AxonInfrastructure.ACTOR_ID, id.toString())));
        projections.await(ReadModels.USERS, id.toString(), 0);
        return ResponseEntity.created(URI.create("/api/v1/users/" + id))
                .body(new RegisteredUser(id, email, form.username(), role.get(), now));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccessToken> login(@RequestBody LoginForm form) {
        FieldErrors errors = new FieldErrors();
        AccountRules.loginEmail(errors, form.email());
        AccountRules.loginPassword(errors, form.password());
        errors.throwIfAny();

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
            throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "The e-mail or the password is wrong.");
        }
        throttle.succeeded(emailKey);
        var user = credentials.get();
        return ResponseEntity.ok(new AccessToken(jwt.issue(user.userId(), user.role()), "bearer", jwt.ttlSeconds()));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UpdatedProfile> update(
            @PathVariable UserId id,
            @RequestBody JsonNode body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (!caller.is(id)) {
            throw ApiException.forbidden("Only the owner may change a profile.");
        }
        if (!body.isObject()) {
            throw FieldErrors.failure("body", "must be a JSON object");
        }
        FieldErrors errors = new FieldErrors();
        Optional<String> username = Optional.empty();
        Optional<String> bio = Optional.empty();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "username" -> {
                    if (!value.isTextual()) {
                        errors.add("username", "must be a string");
                    } else {
                        AccountRules.username(errors, value.textValue());
                        username = Optional.of(value.textValue());
                    }
                }
                case "bio" -> {
                    if (value.isNull()) {
                        bio = Optional.of("");
                    } else if (!value.isTextual()) {
                        errors.add("bio", "must be a string or null");
                    } else {
                        AccountRules.bio(errors, value.textValue());
                        bio = Optional.of(value.textValue());
                    }
                }
                default -> errors.add(field.getKey(), "is not accepted by this endpoint");
            }
        }
        if (errors.isEmpty() && username.isEmpty() && bio.isEmpty()) {
            errors.add("body", "must change at least one of username, bio");
        }
        errors.throwIfAny();

        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        UserProfile profile = conditionalCommands.sendAndWait(
                new UpdateUserProfile(id, username, bio, now, preconditions.ifMatch(ifMatch)));
        projections.await(ReadModels.USERS, id.toString(), profile.version());
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

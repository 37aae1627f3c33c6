package dev.platform.command.user;

import dev.platform.api.common.ReadModels;
import dev.platform.api.user.Role;
import dev.platform.api.user.UpdateUserProfile;
import dev.platform.api.user.UserId;
import dev.platform.infra.axon.ConditionalCommands;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.time.ApiTime;
import dev.platform.infra.web.EntityTags;
import dev.platform.infra.web.Preconditions;
import dev.platform.infra.web.Refusals;
import dev.platform.infra.web.body.RejectedBody;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Profile updates by the account's owner. With {@code If-Match} an update is conditional on the account's version
 * (checked by the aggregate) and answers the new {@code ETag}. Reading a profile is the query side's.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class ProfileController {

    private final ConditionalCommands conditionalCommands;
    private final Preconditions preconditions;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    ProfileController(
            ConditionalCommands conditionalCommands,
            Preconditions preconditions,
            ReadYourWrites readYourWrites,
            Clock clock) {
        this.conditionalCommands = conditionalCommands;
        this.preconditions = preconditions;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    record UpdatedProfile(UserId id, String email, String username, String bio, Role role, Instant updatedAt) {}

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

package dev.platform.query.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.EntityTags;
import dev.platform.infra.web.Refusals;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads a profile. The e-mail is shown to its owner and to the admin only, so the profile has two representations,
 * (and whether it is verified), and each has its own {@code ETag}: the account's version and {@code full} (with the e-mail) or {@code public}.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserQueryController {

    private final UserViewTable table;

    UserQueryController(UserViewTable table) {
        this.table = table;
    }

    record UserView(
            UserId id,
            @JsonInclude(JsonInclude.Include.NON_NULL) String email,
            String username,
            String bio,
            String role,
            Instant createdAt,
            // Like the e-mail: for its owner and the admin only.
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean emailVerified) {}

    @GetMapping("/{id}")
    ResponseEntity<UserView> get(
            @PathVariable UserId id,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        boolean mayReadEmail = caller.is(id) || caller.isAdmin();
        UserViewTable.StoredUser found =
                table.find(id).orElseThrow(() -> Refusals.notFound(ErrorCode.USER_NOT_FOUND, "User"));
        String tag = EntityTags.of(found.version(), mayReadEmail ? "full" : "public");
        if (EntityTags.noneMatchHits(ifNoneMatch, tag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
        }
        return ResponseEntity.ok()
                .eTag(tag)
                .body(new UserView(
                        found.id(),
                        mayReadEmail ? found.email() : null,
                        found.username(),
                        found.bio(),
                        found.role(),
                        found.createdAt(),
                        mayReadEmail ? found.emailVerified() : null));
    }
}

package dev.platform.query.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.ApiException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads a profile. The e-mail is shown to its owner and to the admin only. */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserQueryController {

    private final JdbcTemplate jdbc;

    UserQueryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record UserView(
            UserId id,
            @JsonInclude(JsonInclude.Include.NON_NULL) String email,
            String username,
            String bio,
            String role,
            Instant createdAt) {}

    @GetMapping("/{id}")
    UserView get(@PathVariable UserId id, @AuthenticationPrincipal AuthenticatedUser caller) {
        boolean mayReadEmail = caller.is(id) || caller.isAdmin();
        return jdbc
                .query(
                        "SELECT id, email, username, bio, role, created_at FROM user_view WHERE id = ?",
                        (rs, row) -> new UserView(
                                new UserId(rs.getObject(1, UUID.class)),
                                mayReadEmail ? rs.getString(2) : null,
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getTimestamp(6).toInstant()),
                        id.value())
                .stream()
                .findFirst()
                .orElseThrow(() -> ApiException.notFound(ErrorCode.USER_NOT_FOUND, "User"));
    }
}

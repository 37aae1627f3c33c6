package dev.platform.command.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.ChangesSomething;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.JsonString;
import dev.platform.infra.web.body.JsonString.Null;
import dev.platform.infra.web.body.MultiLine;
import dev.platform.infra.web.body.SingleLine;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PUT /users/{id}}: each field given is changed, an absent one is left as it is. At least one
 * field must be given.
 *
 * @param username as at registration; {@code null} is refused
 * @param bio at most 500 characters; {@code null} clears it, as {@code ""} does
 */
@ChangesSomething(message = "must change at least one of username, bio")
public record UpdateUserRequest(
        @Schema(description = "3 to 30 letters, digits or underscores")
        @JsonString(nulls = Null.REFUSED)
        @SingleLine(AccountRules.Username.class)
        String username,

        @Schema(nullable = true, maxLength = AccountRules.BIO_MAX, description = "null clears the bio")
        @JsonString(nulls = Null.EMPTY, message = "must be a string or null")
        @MultiLine(AccountRules.Bio.class)
        String bio,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public UpdateUserRequest(String username, String bio) {
        this(username, bio, BindingProblems.NONE);
    }
}

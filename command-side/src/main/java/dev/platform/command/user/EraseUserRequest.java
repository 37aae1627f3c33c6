package dev.platform.command.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.Secret;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code DELETE /users/{id}}: the account's password when a user erases themselves (required then); an
 * admin erasing someone else sends no body, or one without it.
 *
 * @param password the account's password now (at most 1,024 characters, like a login's)
 */
public record EraseUserRequest(
        @Schema(format = "password") @Secret(AccountRules.LoginPassword.class)
        String password,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public EraseUserRequest(String password) {
        this(password, BindingProblems.NONE);
    }
}

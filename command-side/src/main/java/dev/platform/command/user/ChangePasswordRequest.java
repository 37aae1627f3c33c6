package dev.platform.command.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.Required;
import dev.platform.infra.web.body.Secret;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /users/{id}/password}. A {@code null} field is a missing one.
 *
 * @param currentPassword the account's password now (at most 1,024 characters, like a login's)
 * @param password the new one: 8 to 128 characters, as at registration
 */
public record ChangePasswordRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password")
        @Required
        @Secret(AccountRules.LoginPassword.class)
        String currentPassword,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                format = "password",
                minLength = AccountRules.PASSWORD_MIN,
                maxLength = AccountRules.PASSWORD_MAX)
        @Required
        @Secret(AccountRules.Password.class)
        String password,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public ChangePasswordRequest(String currentPassword, String password) {
        this(currentPassword, password, BindingProblems.NONE);
    }
}

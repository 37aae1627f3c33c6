package dev.platform.command.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.api.user.Role;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.JsonString;
import dev.platform.infra.web.body.Required;
import dev.platform.infra.web.body.Secret;
import dev.platform.infra.web.body.SingleLine;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /users/register}. A {@code null} field is a missing one.
 *
 * @param email a valid address of at most 254 characters, unique case-insensitively
 * @param password 8 to 128 characters
 * @param username 3 to 30 letters, digits or underscores, unique case-insensitively
 * @param role {@code "creator"} or {@code "reader"} (never {@code "admin"})
 */
public record RegisterUserRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "email", maxLength = AccountRules.EMAIL_MAX)
        @Required
        @SingleLine(AccountRules.Email.class)
        String email,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                format = "password",
                minLength = AccountRules.PASSWORD_MIN,
                maxLength = AccountRules.PASSWORD_MAX)
        @Required
        @Secret(AccountRules.Password.class)
        String password,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "3 to 30 letters, digits or underscores")
        @Required
        @SingleLine(AccountRules.Username.class)
        String username,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"creator", "reader"})
        @JsonString(message = AccountRules.ROLE)
        @NotNull(message = AccountRules.ROLE)
        @Pattern(regexp = AccountRules.SIGN_UP_ROLES, message = AccountRules.ROLE)
        String role,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public RegisterUserRequest(String email, String password, String username, String role) {
        this(email, password, username, role, BindingProblems.NONE);
    }

    /** The role, once the record is valid. */
    Role signUpRole() {
        return Role.fromApiName(role).orElseThrow();
    }
}

package dev.platform.command.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.Required;
import dev.platform.infra.web.body.Secret;
import dev.platform.infra.web.body.SingleLine;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /users/password-reset/confirm}. A {@code null} field is a missing one.
 *
 * @param token the token of the password reset e-mail (at most 1,024 characters; any other than one this platform
 *     signed for a reset, unexpired and unspent, is refused)
 * @param password the new one: 8 to 128 characters, as at registration
 */
public record ConfirmPasswordResetRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = AccountRules.TOKEN_MAX)
        @Required
        @SingleLine(AccountRules.Token.class)
        String token,

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

    public ConfirmPasswordResetRequest(String token, String password) {
        this(token, password, BindingProblems.NONE);
    }
}

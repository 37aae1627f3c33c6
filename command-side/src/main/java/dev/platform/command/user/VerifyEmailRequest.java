package dev.platform.command.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.Required;
import dev.platform.infra.web.body.SingleLine;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /users/verify-email}.
 *
 * @param token the token of the verification link sent to the address (at most 1,024 characters; any other than
 *     one this platform signed is refused)
 */
public record VerifyEmailRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = AccountRules.TOKEN_MAX)
        @Required
        @SingleLine(AccountRules.Token.class)
        String token,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public VerifyEmailRequest(String token) {
        this(token, BindingProblems.NONE);
    }
}

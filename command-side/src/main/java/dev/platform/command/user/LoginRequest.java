package dev.platform.command.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.Required;
import dev.platform.infra.web.body.Secret;
import dev.platform.infra.web.body.SingleLine;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /users/login}. Bounded before any database access or hashing; an e-mail of another
 * format is simply unknown (401).
 *
 * @param email at most 254 characters, compared case-insensitively
 * @param password at most 1,024 characters
 */
public record LoginRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = AccountRules.EMAIL_MAX)
        @Required
        @SingleLine(AccountRules.LoginEmail.class)
        String email,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password")
        @Required
        @Secret(AccountRules.LoginPassword.class)
        String password,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public LoginRequest(String email, String password) {
        this(email, password, BindingProblems.NONE);
    }
}

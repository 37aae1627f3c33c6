package dev.platform.command.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.Required;
import dev.platform.infra.web.body.SingleLine;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /users/password-reset}. Judged like a login's e-mail (its characters and length only): an
 * address of another format is simply unknown, and answered like any other.
 *
 * @param email the account's address, at most 254 characters, compared case-insensitively
 */
public record PasswordResetRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "email", maxLength = AccountRules.EMAIL_MAX)
        @Required
        @SingleLine(AccountRules.LoginEmail.class)
        String email,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public PasswordResetRequest(String email) {
        this(email, BindingProblems.NONE);
    }
}

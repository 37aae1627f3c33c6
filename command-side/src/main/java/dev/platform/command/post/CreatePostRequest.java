package dev.platform.command.post;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.JsonString;
import dev.platform.infra.web.body.JsonString.Null;
import dev.platform.infra.web.body.MultiLine;
import dev.platform.infra.web.body.Required;
import dev.platform.infra.web.body.SingleLine;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /posts}: a new draft. A {@code null} title or content is refused like a value of the
 * wrong type ("must be a string"), a missing one "is required".
 *
 * @param title one line of 1 to 200 characters, trimmed here (so its rules judge and the post stores the trimmed
 *     title)
 * @param content 1 to 100,000 characters, stored verbatim
 */
public record CreatePostRequest(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = PostRules.TITLE_MAX,
                description = "one line, trimmed")
        @Required
        @JsonString(nulls = Null.REFUSED)
        @SingleLine(PostRules.Title.class)
        String title,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = PostRules.CONTENT_MAX,
                description = "stored verbatim")
        @Required
        @JsonString(nulls = Null.REFUSED)
        @MultiLine(PostRules.Content.class)
        String content,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public CreatePostRequest {
        title = title == null ? null : title.strip();
    }

    public CreatePostRequest(String title, String content) {
        this(title, content, BindingProblems.NONE);
    }
}

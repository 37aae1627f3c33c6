package dev.platform.command.post;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.api.post.PostStatus;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.ChangesSomething;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.JsonString;
import dev.platform.infra.web.body.JsonString.Null;
import dev.platform.infra.web.body.MultiLine;
import dev.platform.infra.web.body.SingleLine;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * The body of {@code PUT /posts/{id}}: each field given is changed, an absent one is left as it is; {@code null}
 * is refused (there is no "no title"). At least one field must be given.
 *
 * @param title as in {@link CreatePostRequest}, trimmed here
 * @param content as in {@link CreatePostRequest}
 * @param status {@code "published"} publishes, {@code "draft"} unpublishes
 */
@ChangesSomething(message = "must change at least one of title, content, status")
public record UpdatePostRequest(
        @Schema(maxLength = PostRules.TITLE_MAX, description = "one line, trimmed")
        @JsonString(nulls = Null.REFUSED)
        @SingleLine(PostRules.Title.class)
        String title,

        @Schema(maxLength = PostRules.CONTENT_MAX) @JsonString(nulls = Null.REFUSED) @MultiLine(PostRules.Content.class)
        String content,

        @Schema(allowableValues = {"published", "draft"})
        @JsonString(nulls = Null.REFUSED, message = PostRules.STATUS)
        @Pattern(regexp = PostRules.STATUS_NAMES, message = PostRules.STATUS)
        String status,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public UpdatePostRequest {
        title = title == null ? null : title.strip();
    }

    public UpdatePostRequest(String title, String content, String status) {
        this(title, content, status, BindingProblems.NONE);
    }

    /** The status asked for, once the record is valid. */
    Optional<PostStatus> newStatus() {
        return Optional.ofNullable(status)
                .map(name -> PostStatus.fromApiName(name).orElseThrow());
    }
}

package dev.platform.command.post;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;

/**
 * The optional body of {@code POST /posts/{id}/publish}: none, {@code null} or an empty object; it has no field,
 * so any field in it is refused by name.
 */
public record PublishPostRequest(@JsonIgnore BindingProblems problems) implements JsonRequest {}

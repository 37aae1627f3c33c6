package dev.platform.api.user;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What a user may do: creators write posts, readers read and comment, the admin operates the platform. */
public enum Role {
    CREATOR,
    READER,
    ADMIN;

    /** The lower-case name used in the API, in tokens and in stored events. */
    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this exact API name, if any ({@code "creator"}, {@code "reader"}, {@code "admin"}). */
    public static Optional<Role> fromApiName(String name) {
        for (Role role : values()) {
            if (role.apiName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}

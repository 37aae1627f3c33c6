package dev.platform.api.user;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A field of the profile that a user may change themselves; named in stored events as in the API. */
public enum ProfileField {
    USERNAME,
    BIO;

    /** The lower-case name used in the API and in stored events ({@code "username"}, {@code "bio"}). */
    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.platform.api.user;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * Emitted when a user changed their own profile: {@code changed} names the fields the update set, and those fields
 * hold their new values (a {@code bio} of {@code null} clears it); the fields it did not set are {@code null}.
 *
 * <p>Revision 2. Events stored without a revision held the values of both fields after the change and no
 * {@code changed}; {@code UserProfileUpdatedRevision2} in shared-infra upcasts them to {@code changed = [username,
 * bio]}, which is exactly what they recorded.
 */
@Revision("2")
public record UserProfileUpdated(
        UserId userId, Set<ProfileField> changed, String username, String bio, Instant updatedAt) {

    public UserProfileUpdated {
        Objects.requireNonNull(changed, "changed (an event of revision 1 that was not upcast?)");
        EnumSet<ProfileField> copy = EnumSet.noneOf(ProfileField.class);
        copy.addAll(changed);
        changed = Collections.unmodifiableSet(copy);
    }

    /** Whether this update set the field (its value in this event is then the new one). */
    public boolean sets(ProfileField field) {
        return changed.contains(field);
    }
}

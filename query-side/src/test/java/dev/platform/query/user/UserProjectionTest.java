package dev.platform.query.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.user.EmailVerified;
import dev.platform.api.user.PasswordChanged;
import dev.platform.api.user.PasswordReset;
import dev.platform.api.user.PasswordResetRequested;
import dev.platform.api.user.ProfileField;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserErased;
import dev.platform.api.user.UserId;
import dev.platform.api.user.UserProfileUpdated;
import dev.platform.api.user.UserRegistered;
import dev.platform.api.user.VerificationRequested;
import dev.platform.query.QueryDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code user_view} as the users projection writes it, fed its events directly. */
class UserProjectionTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private static final UserId USER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final Instant REGISTERED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-03-01T11:00:00Z");

    private UserProjection projection;

    @BeforeEach
    void emptyTable() {
        projection = new UserProjection(new UserViewTable(database.jdbc()));
        projection.reset();
    }

    private static UserRegistered registered(String username) {
        return new UserRegistered(USER, "ada@example.com", username, Role.CREATOR, REGISTERED);
    }

    private static UserProfileUpdated updated(Set<ProfileField> changed, String username, String bio, Instant at) {
        return new UserProfileUpdated(USER, changed, username, bio, at);
    }

    private Map<String, Object> row() {
        return database.jdbc().queryForMap("SELECT * FROM user_view WHERE id = ?", USER.value());
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }

    @Test
    void aRegistrationMakesTheProfileWithNoBio() {
        projection.on(registered("ada"), 0);

        Map<String, Object> row = row();
        assertThat(row)
                .containsEntry("email", "ada@example.com")
                .containsEntry("username", "ada")
                .containsEntry("role", "creator")
                .containsEntry("version", 0L);
        assertThat(row.get("bio")).isNull();
        assertThat(instant(row.get("created_at"))).isEqualTo(REGISTERED);
        assertThat(instant(row.get("updated_at"))).isEqualTo(REGISTERED);
    }

    @Test
    void aRedeliveredRegistrationDoesNotUndoLaterUpdates() {
        projection.on(registered("ada"), 0);
        projection.on(updated(Set.of(ProfileField.USERNAME), "lovelace", null, UPDATED), 1);

        projection.on(registered("ada"), 0);

        assertThat(row()).containsEntry("username", "lovelace").containsEntry("version", 1L);
    }

    @Test
    void anUpdateChangesOnlyTheFieldsItSets() {
        projection.on(registered("ada"), 0);

        projection.on(updated(Set.of(ProfileField.BIO), null, "Counts.", UPDATED), 1);

        Map<String, Object> row = row();
        assertThat(row)
                .containsEntry("username", "ada")
                .containsEntry("bio", "Counts.")
                .containsEntry("version", 1L);
        assertThat(instant(row.get("updated_at"))).isEqualTo(UPDATED);
        assertThat(instant(row.get("created_at"))).isEqualTo(REGISTERED);
    }

    @Test
    void anUpdateThatSetsTheBioToNothingClearsIt() {
        projection.on(registered("ada"), 0);
        projection.on(updated(Set.of(ProfileField.BIO), null, "Counts.", UPDATED), 1);

        projection.on(updated(Set.of(ProfileField.BIO), null, null, UPDATED.plusSeconds(60)), 2);

        assertThat(row().get("bio")).isNull();
    }

    @Test
    void anOlderOrRedeliveredUpdateLeavesTheRowAsTheLatestLeftIt() {
        projection.on(registered("ada"), 0);
        projection.on(updated(Set.of(ProfileField.USERNAME), "first", null, UPDATED), 1);
        projection.on(updated(Set.of(ProfileField.USERNAME), "second", null, UPDATED.plusSeconds(60)), 2);

        projection.on(updated(Set.of(ProfileField.USERNAME), "first", null, UPDATED), 1);
        projection.on(updated(Set.of(ProfileField.USERNAME), "second", null, UPDATED.plusSeconds(60)), 2);

        Map<String, Object> row = row();
        assertThat(row).containsEntry("username", "second").containsEntry("version", 2L);
        assertThat(instant(row.get("updated_at"))).isEqualTo(UPDATED.plusSeconds(60));
    }

    @Test
    void anUpdateOfAUserWithoutARowFailsSoThatTheEventParks() {
        assertThatThrownBy(() -> projection.on(updated(Set.of(ProfileField.BIO), null, "x", UPDATED), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(USER.toString());
    }

    @Test
    void textTheTableCannotStoreIsStoredWithoutTheOffendingCharacters() {
        projection.on(registered("a\u0000da"), 0);
        projection.on(updated(Set.of(ProfileField.BIO), null, "bio\u0000", UPDATED), 1);

        assertThat(row()).containsEntry("username", "ada").containsEntry("bio", "bio");
    }

    @Test
    void theResetEmptiesTheTableForARebuild() {
        projection.on(registered("ada"), 0);

        projection.reset();

        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM user_view", Long.class))
                .isZero();
    }

    @Test
    void aPasswordChangeMovesTheVersionAndShowsNothingElse() {
        projection.on(registered("ada"), 0);

        projection.on(new PasswordChanged(USER, UPDATED, UPDATED.plusSeconds(1)), 1);

        assertThat(row()).containsEntry("username", "ada").containsEntry("version", 1L);
        assertThat(instant(row().get("updated_at"))).isEqualTo(REGISTERED);
    }

    @Test
    void aPasswordChangeOfAnUnknownUserIsAnError() {
        assertThatThrownBy(() -> projection.on(new PasswordChanged(USER, UPDATED, UPDATED.plusSeconds(1)), 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNewAccountIsUnverifiedAndAVerificationMarksItAndMovesTheVersion() {
        projection.on(registered("ada"), 0);
        assertThat(row()).containsEntry("email_verified", false);

        projection.on(new EmailVerified(USER, UPDATED), 1);

        assertThat(row()).containsEntry("email_verified", true).containsEntry("version", 1L);
    }

    @Test
    void aVerificationOfAnUnknownUserIsAnError() {
        assertThatThrownBy(() -> projection.on(new EmailVerified(USER, UPDATED), 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aVerificationRequestMovesTheVersionAndShowsNothingElse() {
        projection.on(registered("ada"), 0);

        projection.on(new VerificationRequested(USER, 2, UPDATED), 1);

        assertThat(row()).containsEntry("version", 1L).containsEntry("email_verified", false);
    }

    @Test
    void anErasureLeavesNoPersonalDataInTheRowAndARedeliveredOneChangesNothing() {
        projection.on(registered("ada"), 0);
        projection.on(updated(Set.of(ProfileField.BIO), null, "my bio", UPDATED), 1);

        projection.on(new UserErased(USER, USER, UPDATED.plusSeconds(5)), 2);
        projection.on(new UserErased(USER, USER, UPDATED.plusSeconds(9)), 2);

        Map<String, Object> row = row();
        assertThat(row.get("email")).isNull();
        assertThat(row.get("username")).isNull();
        assertThat(row.get("bio")).isNull();
        assertThat(row).containsEntry("role", "creator").containsEntry("version", 2L);
        assertThat(instant(row.get("erased_at"))).isEqualTo(UPDATED.plusSeconds(5));
    }

    @Test
    void aRebuildOfAnErasedUserReadsTheirFieldsAsNullAndKeepsTheRowAnonymous() {
        projection.on(new UserRegistered(USER, null, null, Role.CREATOR, REGISTERED), 0);
        projection.on(new UserErased(USER, USER, UPDATED), 1);

        assertThat(row().get("email")).isNull();
        assertThat(row().get("username")).isNull();
        assertThat(row()).containsEntry("version", 1L);
    }

    @Test
    void anErasureOfAnUnknownUserIsAnError() {
        assertThatThrownBy(() -> projection.on(new UserErased(USER, USER, UPDATED), 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aResetRequestAndAResetMoveTheVersionAndShowNothingElse() {
        projection.on(registered("ada"), 0);

        projection.on(new PasswordResetRequested(USER, 1, UPDATED), 1);
        assertThat(row()).containsEntry("version", 1L).containsEntry("username", "ada");
        projection.on(new PasswordReset(USER, 1, UPDATED, UPDATED.plusSeconds(1)), 2);

        assertThat(row()).containsEntry("version", 2L).containsEntry("email_verified", false);
        assertThat(instant(row().get("updated_at"))).isEqualTo(REGISTERED);
    }

    @Test
    void aResetOfAnUnknownUserIsAnError() {
        assertThatThrownBy(() -> projection.on(new PasswordResetRequested(USER, 1, UPDATED), 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> projection.on(new PasswordReset(USER, 1, UPDATED, UPDATED.plusSeconds(1)), 1))
                .isInstanceOf(IllegalStateException.class);
    }
}

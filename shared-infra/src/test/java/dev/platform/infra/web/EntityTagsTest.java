package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ExpectedVersion;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void aTagIsTheQuotedVersionWithAnOptionalVariant() {
        assertThat(EntityTags.of(7)).isEqualTo("\"7\"");
        assertThat(EntityTags.of(7, "42")).isEqualTo("\"7.42\"");
        assertThat(EntityTags.of(0, "public")).isEqualTo("\"0.public\"");
        assertThatThrownBy(() -> EntityTags.of(7, "a\"b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ifNoneMatchHitsTheCurrentTagAloneInAListOrAsStar() {
        String current = EntityTags.of(7, "42");
        assertThat(EntityTags.noneMatchHits("\"7.42\"", current)).isTrue();
        assertThat(EntityTags.noneMatchHits("\"6.42\", \"7.42\"", current)).isTrue();
        assertThat(EntityTags.noneMatchHits("\"1\",\"7.42\" , ", current)).isTrue();
        assertThat(EntityTags.noneMatchHits(" * ", current)).isTrue();
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertThat(EntityTags.noneMatchHits("W/\"7.42\"", EntityTags.of(7, "42")))
                .isTrue();
    }

    @Test
    void ifNoneMatchMissesAnotherTagAndNothingMalformedHits() {
        String current = EntityTags.of(7, "42");
        assertThat(EntityTags.noneMatchHits(null, current)).isFalse();
        assertThat(EntityTags.noneMatchHits("\"7.43\"", current)).isFalse();
        assertThat(EntityTags.noneMatchHits("\"7\"", current)).isFalse();
        assertThat(EntityTags.noneMatchHits("7.42", current)).isFalse();
        assertThat(EntityTags.noneMatchHits("\"7.42", current)).isFalse();
        assertThat(EntityTags.noneMatchHits("\"7.42\" junk", current)).isFalse();
        assertThat(EntityTags.noneMatchHits("", current)).isFalse();
    }

    @Test
    void ifMatchStarIsAnyVersion() {
        assertThat(EntityTags.expectedVersions("*")).isEmpty();
    }

    @Test
    void ifMatchNamesTheVersionsOfItsStrongTags() {
        assertThat(EntityTags.expectedVersions("\"7.42\"")).contains(ExpectedVersion.of(7));
        assertThat(EntityTags.expectedVersions("\"3\", \"5.full\"")).contains(new ExpectedVersion(Set.of(3L, 5L)));
    }

    @Test
    void weakAndForeignTagsNameNoVersion() {
        Optional<ExpectedVersion> none = Optional.of(new ExpectedVersion(Set.of()));
        assertThat(EntityTags.expectedVersions("W/\"7\"")).isEqualTo(none);
        assertThat(EntityTags.expectedVersions("\"abc\"")).isEqualTo(none);
        assertThat(EntityTags.expectedVersions("\"007\"")).isEqualTo(none);
        assertThat(EntityTags.expectedVersions("\"-1\"")).isEqualTo(none);
        assertThat(EntityTags.expectedVersions("\"99999999999999999999\"")).isEqualTo(none);
        assertThat(EntityTags.expectedVersions("W/\"7\", \"8\"")).contains(ExpectedVersion.of(8));
    }

    @Test
    void aMalformedIfMatchIs400NamingTheHeader() {
        for (String malformed : new String[] {"7", "\"7", "\"7\" \"8\"", "", " , ", "*, \"7\"", "W/7", "\"a\"b\""}) {
            DomainException refused =
                    catchThrowableOfType(DomainException.class, () -> EntityTags.expectedVersions(malformed));
            assertThat(refused).as(malformed).isNotNull();
            assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(refused.fieldErrors()).containsKey("If-Match");
        }
    }
}

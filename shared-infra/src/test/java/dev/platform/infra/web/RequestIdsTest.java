package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void aFreshIdIsARandomVersion4UuidInItsCanonicalText() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = RequestIds.fresh();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
            seen.add(id.toString());
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void aSaneOfferedIdIsKeptAndAnyOtherReplaced() {
        assertThat(RequestIds.accept("abc-123_x.y")).isEqualTo("abc-123_x.y");
        assertThat(RequestIds.accept("a b")).isNotEqualTo("a b").matches("[0-9a-f-]{36}");
        assertThat(RequestIds.accept("x".repeat(65))).hasSize(36);
        assertThat(RequestIds.accept(null)).hasSize(36);
    }
}

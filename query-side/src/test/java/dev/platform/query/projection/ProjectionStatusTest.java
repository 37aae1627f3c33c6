package dev.platform.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectionStatusTest {

    @Test
    void theLagIsTheDistanceToTheHeadAndNeverNegative() {
        assertThat(ProjectionStatus.of("users", 7, 10, false, 0).lag()).isEqualTo(3);
        // The head is read before the tokens: a processor may have passed it by the time they are read.
        assertThat(ProjectionStatus.of("users", 12, 10, false, 0).lag()).isZero();
    }

    @Test
    void aRebuildIsCompleteOnceNoSegmentReplaysAndTheHeadOfItsRequestIsReached() {
        assertThat(ProjectionStatus.of("users", 10, 10, false, 0).hasRebuiltUpTo(10))
                .isTrue();
        assertThat(ProjectionStatus.of("users", 15, 15, false, 0).hasRebuiltUpTo(10))
                .isTrue();
        assertThat(ProjectionStatus.of("users", 9, 10, false, 0).hasRebuiltUpTo(10))
                .isFalse();
        assertThat(ProjectionStatus.of("users", 10, 10, true, 0).hasRebuiltUpTo(10))
                .isFalse();
    }
}

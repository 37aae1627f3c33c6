package dev.platform.infra.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FairShareTest {

    @Test
    void aLoneNodeKeepsEverySegmentAndTakesTheFreeOnes() {
        FairShare decision = FairShare.of(8, 1, Set.of(0, 1, 2), Set.of(3, 4, 5, 6, 7));

        assertThat(decision.release()).isEmpty();
        assertThat(decision.claim()).containsExactly(3, 4, 5, 6, 7);
    }

    @Test
    void theFirstOfTwoNodesReleasesItsHighestSurplusSegments() {
        FairShare decision = FairShare.of(8, 2, Set.of(0, 1, 2, 3, 4, 5, 6, 7), Set.of());

        assertThat(decision.release()).containsExactly(7, 6, 5, 4);
        assertThat(decision.claim()).isEmpty();
    }

    @Test
    void theSecondOfTwoNodesClaimsUpToItsShare() {
        FairShare decision = FairShare.of(8, 2, Set.of(), Set.of(4, 5, 6, 7, 3));

        assertThat(decision.claim()).containsExactly(3, 4, 5, 6);
        assertThat(decision.release()).isEmpty();
    }

    @Test
    void aShareIsRoundedUpSoThatEverySegmentHasANode() {
        assertThat(FairShare.share(2, 2)).isEqualTo(1);
        assertThat(FairShare.share(8, 3)).isEqualTo(3);
        assertThat(FairShare.share(2, 3)).isEqualTo(1);
        assertThat(FairShare.share(2, 0)).isEqualTo(2);
    }

    @Test
    void aNodeAtItsShareDoesNothing() {
        assertThat(FairShare.of(2, 2, Set.of(0), Set.of(1)).isEmpty()).isTrue();
    }
}

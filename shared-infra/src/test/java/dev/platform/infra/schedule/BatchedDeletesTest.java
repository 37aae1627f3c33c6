package dev.platform.infra.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchedDeletesTest {

    @Test
    void roundsGoOnWhileAFullBatchWentAndTheTotalCountsThemAll() {
        int[] backlog = {25};
        List<Integer> asked = new ArrayList<>();
        int total = BatchedDeletes.untilDone(10, batch -> {
            asked.add(batch);
            int deleted = Math.min(batch, backlog[0]);
            backlog[0] -= deleted;
            return deleted;
        });
        assertThat(total).isEqualTo(25);
        assertThat(asked).containsExactly(10, 10, 10);
    }

    @Test
    void anExactMultipleEndsWithOneEmptyRound() {
        int[] backlog = {20};
        int[] rounds = {0};
        int total = BatchedDeletes.untilDone(10, batch -> {
            rounds[0]++;
            int deleted = Math.min(batch, backlog[0]);
            backlog[0] -= deleted;
            return deleted;
        });
        assertThat(total).isEqualTo(20);
        assertThat(rounds[0]).isEqualTo(3);
    }
}

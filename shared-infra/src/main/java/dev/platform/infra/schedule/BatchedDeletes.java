package dev.platform.infra.schedule;

import java.util.function.IntUnaryOperator;

/**
 * A purge in bounded statements: each round deletes at most one batch, so no statement holds locks or builds a
 * transaction the size of the whole backlog; rounds go on while a full batch went.
 */
public final class BatchedDeletes {

    private BatchedDeletes() {}

    /**
     * Runs {@code deleteAtMost} (given the batch size, answering the rows it deleted) until a round deletes less
     * than a full batch; answers the rows deleted in all.
     */
    public static int untilDone(int batch, IntUnaryOperator deleteAtMost) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteAtMost.applyAsInt(batch);
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}

package dev.platform.infra.idempotency;

import dev.platform.infra.schedule.BatchedDeletes;
import dev.platform.infra.schedule.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes expired keys every {@code platform.idempotency.purge-interval}, in batches of {@value #BATCH} rows so no
 * statement runs long; the table would otherwise grow with every keyed request. Each node purges; two purges at once
 * only find less to delete. An expired row nobody purged yet is ignored by every request, so a late purge is harmless.
 */
@Component
class IdempotencyKeyPurge extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);
    static final int BATCH = 10_000;

    private final IdempotencyKeyTable table;

    IdempotencyKeyPurge(IdempotencyKeyTable table, IdempotencyProperties properties) {
        super("idempotency-key-purge", properties.purgeInterval());
        this.table = table;
    }

    /** Deletes every expired key; returns how many went. */
    int purge() {
        return BatchedDeletes.untilDone(BATCH, table::purgeExpired);
    }

    @Override
    protected void round() {
        int deleted = purge();
        if (deleted > 0) {
            log.debug("purged {} expired idempotency keys", deleted);
        }
    }
}

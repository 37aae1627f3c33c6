package dev.platform.query.projection;

import java.time.Duration;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactions of a rebuild's processor: the application's, with {@code SET LOCAL search_path} to the shadow
 * schema first, so the projection's unchanged statements ({@code INSERT INTO post_view ...}) write the rebuilt
 * tables, while what the projection reads of other tables, the token store and the
 * event store are found in the live schema behind it. {@code SET LOCAL} ends with the transaction: the pooled
 * connection goes back as it came. {@code pause} slows each transaction down (a test's knob, to watch a rebuild).
 */
final class ShadowTransactions implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;
    private final String searchPath;
    private final Duration pause;

    ShadowTransactions(TransactionManager delegate, JdbcTemplate jdbc, ShadowSchema schema, Duration pause) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.searchPath = schema.shadow() + ", " + schema.live();
        this.pause = pause;
    }

    @Override
    public Transaction startTransaction() {
        if (!pause.isZero()) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.execute("SET LOCAL search_path = " + searchPath);
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}

package dev.platform.query.projection;

import dev.platform.infra.axon.RebuildTransactions;
import java.time.Duration;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transactions of a rebuild's processor: the application's, with {@code SET LOCAL search_path} to the shadow
 * schema first, so the projection's unchanged statements ({@code INSERT INTO post_view ...}) write the rebuilt
 * tables, while what the projection reads of other tables, the token store and the
 * event store are found in the live schema behind it. {@code SET LOCAL} ends with the transaction: the pooled
 * connection goes back as it came. Each is named as a rebuild's ({@link RebuildTransactions}): its writes are not
 * writes of the live tables. {@code pause} slows each transaction down (a test's knob, to watch a rebuild).
 */
final class ShadowTransactions implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;
    private final String searchPath;
    private final Duration pause;

    ShadowTransactions(
            PlatformTransactionManager transactions, JdbcTemplate jdbc, ShadowSchema schema, Duration pause) {
        this.delegate = new SpringTransactionManager(transactions, RebuildTransactions.definition(schema.shadow()));
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

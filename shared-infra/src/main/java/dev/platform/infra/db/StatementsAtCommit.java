package dev.platform.infra.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes whose outcome nobody waits for inside their transaction, sent together when it commits: all of a
 * transaction's such statements go to PostgreSQL in one round trip (one prepared statement of several, which the
 * driver sends at once), just before the {@code COMMIT}. A write of a post, for example, stores its event, then its
 * read-model row and two rows of the command side's own tables: three round trips that become one.
 *
 * <p>Only for a statement whose effect no later statement of the same transaction reads, whose update count
 * nobody needs, and whose failure may fail the whole transaction at its commit (as it then does: the commit throws
 * and everything is rolled back). Outside a transaction the statement runs at once.
 */
@Component
public class StatementsAtCommit {

    private final JdbcTemplate jdbc;

    public StatementsAtCommit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs {@code sql} with {@code arguments} when the current transaction commits (at once without one). */
    public void run(String sql, Object... arguments) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.update(sql, arguments);
            return;
        }
        pending().add(sql, arguments);
    }

    /**
     * From now on in the current transaction (if there is one), a failure of its statements at commit is thrown as
     * {@code translation} makes it: the commit then fails before PostgreSQL's {@code COMMIT} was sent, nothing
     * committed, and a caller may tell the failure apart and try the work again.
     */
    public void failuresAs(UnaryOperator<RuntimeException> translation) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            pending().translation = translation;
        }
    }

    private Pending pending() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    /** The statements of one transaction, in the order they were given. */
    private final class Pending implements TransactionSynchronization {

        private final StringBuilder sql = new StringBuilder();
        private final List<Object> arguments = new ArrayList<>();
        private UnaryOperator<RuntimeException> translation = UnaryOperator.identity();

        void add(String statement, Object... values) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(statement);
            Collections.addAll(arguments, values);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!sql.isEmpty()) {
                String statements = sql.toString();
                sql.setLength(0);
                Object[] values = arguments.toArray();
                arguments.clear();
                try {
                    jdbc.update(statements, values);
                } catch (RuntimeException e) {
                    throw translation.apply(e);
                }
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(StatementsAtCommit.this);
        }
    }
}

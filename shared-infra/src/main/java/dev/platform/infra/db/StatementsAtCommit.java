package dev.platform.infra.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;
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
 * and everything is rolled back). Outside a transaction the statement runs at once. The {@code COMMIT} travels in
 * the same message when nothing else is to run before it, and where the transaction sent nothing before them they are
 * the transaction, with neither {@code BEGIN} nor {@code COMMIT} (see {@link Pending#beforeCommit}).
 */
@Component
public class StatementsAtCommit {

    private final JdbcTemplate jdbc;

    public StatementsAtCommit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether there is a transaction whose statements can be kept for its commit. */
    public boolean inTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive();
    }

    /** Runs {@code sql} with {@code arguments} when the current transaction commits (at once without one). */
    public void run(String sql, Object... arguments) {
        if (!inTransaction()) {
            jdbc.update(sql, arguments);
            return;
        }
        pending().add(sql, arguments);
    }

    /**
     * Runs now the statements kept so far in the current transaction: for a statement about to read or change what
     * they write.
     */
    public void flush() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(key());
        if (pending != null) {
            pending.runKept();
        }
    }

    /** How many statements the current transaction keeps now, for {@link #dropAfter} (0 without a transaction). */
    public int mark() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(key());
        return pending == null ? 0 : pending.statements;
    }

    /**
     * Drops the statements kept since {@code mark} was taken (and not run since): those of work rolled back to a
     * savepoint, which must not run at the commit.
     */
    public void dropAfter(int mark) {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(key());
        if (pending != null) {
            pending.dropAfter(mark);
        }
    }

    /**
     * From now on in the current transaction (if there is one), a failure of its kept statements is thrown as
     * {@code translation} makes it, after the translations asked for before: at the commit it then fails before
     * PostgreSQL's {@code COMMIT} was sent, nothing committed, and a caller may tell the failure apart and act on it
     * (an append's lost race, a first attempt to try again).
     */
    public void failuresAs(UnaryOperator<RuntimeException> translation) {
        if (inTransaction()) {
            Pending pending = pending();
            pending.translation = pending.translation.andThen(translation)::apply;
        }
    }

    private Pending pending() {
        TransactionKey key = key();
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(key);
        if (pending == null) {
            pending = new Pending(key);
            TransactionSynchronizationManager.bindResource(key, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    /**
     * The current transaction's statements are kept under its connection: a transaction started inside it with a
     * connection of its own (REQUIRES_NEW, which suspends the outer one's connection but not this class's resources)
     * keeps its own, run at its own commit.
     */
    private TransactionKey key() {
        return new TransactionKey(this, TransactionSynchronizationManager.getResource(jdbc.getDataSource()));
    }

    private record TransactionKey(StatementsAtCommit owner, Object connection) {}

    /** Which of the callbacks before a commit a kind of synchronization implements. */
    private record Acts(boolean beforeCommit, boolean beforeCompletion) {}

    private static final ClassValue<Acts> ACTS = new ClassValue<>() {
        @Override
        protected Acts computeValue(Class<?> type) {
            return new Acts(implemented(type, "beforeCommit", boolean.class), implemented(type, "beforeCompletion"));
        }
    };

    private static boolean implemented(Class<?> type, String method, Class<?>... parameters) {
        try {
            return type.getMethod(method, parameters).getDeclaringClass() != TransactionSynchronization.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** The statements of one transaction, in the order they were given. */
    private final class Pending implements TransactionSynchronization {

        private final StringBuilder sql = new StringBuilder();
        private final List<Object> arguments = new ArrayList<>();
        /** Where each kept statement begins in {@link #sql} and {@link #arguments}. */
        private final List<int[]> starts = new ArrayList<>();
        /** Statements given so far, run or not (a mark counts these). */
        private int statements;
        /** Statements given before the first of those kept now. */
        private int run;

        private UnaryOperator<RuntimeException> translation = UnaryOperator.identity();
        private final TransactionKey key;

        Pending(TransactionKey key) {
            this.key = key;
        }

        void add(String statement, Object... values) {
            starts.add(new int[] {sql.length(), arguments.size()});
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(statement);
            Collections.addAll(arguments, values);
            statements++;
        }

        void dropAfter(int mark) {
            int keep = Math.max(mark - run, 0);
            if (keep < starts.size()) {
                int[] start = starts.get(keep);
                sql.setLength(start[0]);
                arguments.subList(start[1], arguments.size()).clear();
                starts.subList(keep, starts.size()).clear();
                statements = run + keep;
            }
        }

        void runKept() {
            if (sql.isEmpty()) {
                return;
            }
            String all = sql.toString();
            Object[] values = arguments.toArray();
            sql.setLength(0);
            arguments.clear();
            starts.clear();
            run = statements;
            try {
                jdbc.update(all, values);
            } catch (RuntimeException e) {
                throw translation.apply(e);
            }
        }

        /**
         * Sends the kept statements, and with them the end of the transaction when nothing can come after them in it
         * (this is the last of its synchronizations): one round trip for the rows and the commit. Where the
         * transaction has sent PostgreSQL nothing yet (a creation, which reads nothing first), they go with the
         * connection in auto-commit for that one message: PostgreSQL runs the statements of a message up to its sync
         * as one implicit transaction, committed at the sync if all succeeded and rolled back if one failed, so the
         * driver sends neither its {@code BEGIN} (a message and a flush of its own) nor a {@code COMMIT}. Otherwise a
         * {@code COMMIT} ends the message. Either way the driver then finds its transaction over, and the transaction
         * manager's commit sends nothing (PgJDBC's {@code commit()} does nothing outside a transaction). A failure of
         * any statement, the {@code COMMIT}'s included, is thrown as before, nothing of the message is committed, and
         * the transaction manager rolls back what is left of the transaction.
         */
        @Override
        public void beforeCommit(boolean readOnly) {
            if (!sql.isEmpty() && lastBeforeTheCommit()) {
                // The transaction's own connection, under which these statements are kept (asked of DataSourceUtils,
                // it would count one more use of it that nothing releases).
                Connection connection =
                        key.connection() instanceof ConnectionHolder holder ? holder.getConnection() : null;
                if (connection != null && nothingSentYet(connection)) {
                    runAsTheTransaction(connection);
                    return;
                }
                sql.append(";\nCOMMIT");
            }
            runKept();
        }

        private void runAsTheTransaction(Connection connection) {
            autoCommit(connection, true);
            try {
                runKept();
            } finally {
                autoCommit(connection, false);
            }
        }

        /**
         * Whether nothing else is to run in the transaction once these statements have: no synchronization after this
         * one has a {@code beforeCommit}, and none at all a {@code beforeCompletion} (which run after every {@code
         * beforeCommit}), other than the interface's empty ones.
         */
        private boolean lastBeforeTheCommit() {
            List<TransactionSynchronization> all = TransactionSynchronizationManager.getSynchronizations();
            boolean after = false;
            for (TransactionSynchronization synchronization : all) {
                Acts acts = ACTS.get(synchronization.getClass());
                if (acts.beforeCompletion() || (after && acts.beforeCommit())) {
                    return false;
                }
                after |= synchronization == this;
            }
            return true;
        }

        /** Whether the connection is PgJDBC's and has not begun its transaction at the server yet. */
        private static boolean nothingSentYet(Connection connection) {
            try {
                return connection.isWrapperFor(BaseConnection.class)
                        && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE;
            } catch (SQLException e) {
                return false;
            }
        }

        /** PgJDBC sends nothing for either switch while no transaction is open at the server. */
        private static void autoCommit(Connection connection, boolean on) {
            try {
                connection.setAutoCommit(on);
            } catch (SQLException e) {
                throw new TransactionSystemException("Could not switch auto-commit " + (on ? "on" : "off"), e);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }
    }
}

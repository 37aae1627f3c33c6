package dev.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.infra.db.StatementsAtCommit;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Statements left to the commit ({@link StatementsAtCommit}) on a real PostgreSQL: none runs before the commit, all
 * run then in the order given, a rollback drops them, a failure among them fails the commit and rolls back the whole
 * transaction (thrown as the transaction asked), outside a transaction a statement runs at once, a flush runs them
 * early, and those kept after a mark can be dropped (work rolled back to a savepoint); the {@code COMMIT} goes with
 * them unless another synchronization comes after them, and where the transaction sent nothing before them they are
 * sent as the transaction itself (auto-commit: one implicit transaction, all or nothing).
 */
class StatementsAtCommitTest {

    @RegisterExtension
    static final QueryDatabase database = new QueryDatabase();

    private StatementsAtCommit atCommit;
    private TransactionTemplate transaction;

    @BeforeEach
    void table() {
        database.jdbc().update("DROP TABLE IF EXISTS at_commit");
        database.jdbc().update("CREATE TABLE at_commit (id INT PRIMARY KEY, note TEXT)");
        atCommit = new StatementsAtCommit(database.jdbc());
        transaction = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    }

    private List<Integer> ids() {
        return database.jdbc().queryForList("SELECT id FROM at_commit ORDER BY id", Integer.class);
    }

    @Test
    void theStatementsRunAtTheCommitInTheirOrder() {
        List<Integer> seenBeforeTheCommit = transaction.execute(status -> {
            atCommit.run("INSERT INTO at_commit (id, note) VALUES (?, ?)", 1, "one");
            atCommit.run("INSERT INTO at_commit (id, note) VALUES (?, ?)", 2, null);
            atCommit.run("DELETE FROM at_commit WHERE id = ?", 1);
            return ids();
        });

        assertThat(seenBeforeTheCommit).isEmpty();
        assertThat(ids()).containsExactly(2);
    }

    @Test
    void aRollbackDropsThem() {
        transaction.executeWithoutResult(status -> {
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 1);
            status.setRollbackOnly();
        });

        assertThat(ids()).isEmpty();
        transaction.executeWithoutResult(status -> atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 3));
        assertThat(ids())
                .as("nothing of the rolled back transaction left behind")
                .containsExactly(3);
    }

    @Test
    void aFailureAmongThemRollsTheWholeTransactionBackAsTheTransactionAsked() {
        database.jdbc().update("INSERT INTO at_commit (id) VALUES (5)");

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    database.jdbc().update("INSERT INTO at_commit (id) VALUES (6)");
                    atCommit.failuresAs(failure -> new IllegalStateException("retry me", failure));
                    atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 7);
                    atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 5);
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("retry me")
                .hasRootCauseMessage(rootCauseOfADuplicate());

        assertThat(ids()).containsExactly(5);
    }

    @Test
    void withoutATransactionAStatementRunsAtOnce() {
        atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 9);

        assertThat(ids()).containsExactly(9);
    }

    private static String rootCauseOfADuplicate() {
        return rootCauseOfADuplicate(5);
    }

    private static String rootCauseOfADuplicate(int id) {
        return "ERROR: duplicate key value violates unique constraint \"at_commit_pkey\"\n" + "  Detail: Key (id)=("
                + id + ") already exists.";
    }

    @Test
    void aFlushRunsWhatIsKeptNowAndWhatFollowsWaitsForTheCommit() {
        List<List<Integer>> seen = new java.util.ArrayList<>();
        transaction.executeWithoutResult(status -> {
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 1);
            atCommit.flush();
            seen.add(ids());
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 2);
            seen.add(ids());
        });

        assertThat(seen).containsExactly(List.of(1), List.of(1));
        assertThat(ids()).containsExactly(1, 2);
    }

    @Test
    void whatWasKeptAfterAMarkIsDroppedAndTheRestRuns() {
        transaction.executeWithoutResult(status -> {
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 1);
            atCommit.flush();
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 2);
            int mark = atCommit.mark();
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 3);
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 4);
            atCommit.dropAfter(mark);
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 5);
        });

        assertThat(ids()).containsExactly(1, 2, 5);
    }

    @Test
    void aTransactionOfItsOwnInsideAnotherRunsItsStatementsAtItsOwnCommit() {
        // A connection per transaction (the class's single connection cannot hold two at once).
        DriverManagerDataSource connections = new DriverManagerDataSource(
                database.dataSource().getUrl(),
                database.dataSource().getUsername(),
                database.dataSource().getPassword());
        StatementsAtCommit statements = new StatementsAtCommit(new JdbcTemplate(connections));
        TransactionTemplate outer = new TransactionTemplate(new DataSourceTransactionManager(connections));
        TransactionTemplate ownTransaction = new TransactionTemplate(outer.getTransactionManager());
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        List<List<Integer>> seenAfterTheInnerCommit = new java.util.ArrayList<>();

        outer.executeWithoutResult(status -> {
            statements.run("INSERT INTO at_commit (id) VALUES (?)", 1);
            ownTransaction.executeWithoutResult(inner -> statements.run("INSERT INTO at_commit (id) VALUES (?)", 2));
            seenAfterTheInnerCommit.add(ids());
        });

        assertThat(seenAfterTheInnerCommit).containsExactly(List.of(2));
        assertThat(ids()).containsExactly(1, 2);
    }

    /** A transaction whose manager notes the driver's transaction state when it is about to send its COMMIT. */
    private TransactionTemplate noting(List<TransactionState> atTheCommit) {
        return new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()) {
            @Override
            protected void doCommit(DefaultTransactionStatus status) {
                atTheCommit.add(transactionState());
                super.doCommit(status);
            }
        });
    }

    @Test
    void theCommitTravelsWithTheStatementsWhenNothingComesAfterThem() {
        List<TransactionState> atTheCommit = new ArrayList<>();
        noting(atTheCommit).executeWithoutResult(status -> {
            database.jdbc().update("INSERT INTO at_commit (id) VALUES (0)");
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 1);
            // Acts after the commit only: no reason to keep the COMMIT apart.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {}
            });
        });

        assertThat(atTheCommit)
                .as("committed by the kept statements' message: the transaction manager's commit finds none open")
                .containsExactly(TransactionState.IDLE);
        assertThat(ids()).containsExactly(0, 1);
    }

    /** A JdbcTemplate noting whether its connection was in auto-commit when each statement was sent. */
    private JdbcTemplate notingAutoCommit(List<Boolean> autoCommit) {
        return new JdbcTemplate(database.dataSource()) {
            @Override
            public int update(String sql, Object... args) {
                try {
                    autoCommit.add(
                            DataSourceUtils.getConnection(getDataSource()).getAutoCommit());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return super.update(sql, args);
            }
        };
    }

    @Test
    void aTransactionThatSentNothingBeforeThemIsTheirMessageAlone() {
        List<Boolean> autoCommit = new ArrayList<>();
        List<TransactionState> atTheCommit = new ArrayList<>();
        StatementsAtCommit atCommit = new StatementsAtCommit(notingAutoCommit(autoCommit));
        noting(atTheCommit).executeWithoutResult(status -> {
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 1);
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 2);
        });

        assertThat(autoCommit)
                .as("sent in auto-commit, one implicit transaction: the driver sends no BEGIN and no COMMIT")
                .containsExactly(true);
        assertThat(atTheCommit).containsExactly(TransactionState.IDLE);
        assertThat(ids()).containsExactly(1, 2);
    }

    @Test
    void aFailureInTheirMessageAloneCommitsNoneOfThem() {
        database.jdbc().update("INSERT INTO at_commit (id) VALUES (5)");
        List<Boolean> autoCommit = new ArrayList<>();
        StatementsAtCommit atCommit = new StatementsAtCommit(notingAutoCommit(autoCommit));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    atCommit.failuresAs(failure -> new IllegalStateException("retry me", failure));
                    atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 6);
                    atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 7);
                    atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 5);
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("retry me")
                .hasRootCauseMessage(rootCauseOfADuplicate());

        assertThat(autoCommit).containsExactly(true);
        assertThat(ids())
                .as("the statements before the failing one rolled back with it")
                .containsExactly(5);
        transaction.executeWithoutResult(status -> atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 6));
        assertThat(ids()).as("a later transaction runs as before").containsExactly(5, 6);
        assertThat(autoCommit).containsExactly(true, true);
    }

    @Test
    void aSynchronizationActingLaterKeepsTheCommitToTheTransactionManager() {
        List<TransactionState> atTheCommit = new ArrayList<>();
        List<TransactionState> atTheLaterOne = new ArrayList<>();
        noting(atTheCommit).executeWithoutResult(status -> {
            atCommit.run("INSERT INTO at_commit (id) VALUES (?)", 1);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    atTheLaterOne.add(transactionState());
                    database.jdbc().update("INSERT INTO at_commit (id) VALUES (2)");
                }
            });
        });

        assertThat(atTheLaterOne).containsExactly(TransactionState.OPEN);
        assertThat(atTheCommit).containsExactly(TransactionState.OPEN);
        assertThat(ids()).containsExactly(1, 2);
    }

    private TransactionState transactionState() {
        try {
            return DataSourceUtils.getConnection(database.dataSource())
                    .unwrap(BaseConnection.class)
                    .getTransactionState();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

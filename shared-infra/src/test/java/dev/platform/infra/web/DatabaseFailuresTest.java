package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseFailuresTest {

    @Test
    void aConnectionThatCouldNotBeHadIsAnUnreachableDatabase() {
        var timedOut = new SQLTransientConnectionException("Connection is not available, request timed out");
        assertThat(DatabaseFailures.unreachable(new CannotGetJdbcConnectionException("no connection", timedOut)))
                .isTrue();
        assertThat(DatabaseFailures.unreachable(new CannotCreateTransactionException("no transaction", timedOut)))
                .isTrue();
    }

    @Test
    void aConnectionLostInsideAxonsEventStoreIsAnUnreachableDatabase() {
        var lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        var append = new EventStoreException("could not be stored", new JdbcException("append failed", lost));
        assertThat(DatabaseFailures.unreachable(append)).isTrue();
        var shutdown = new SQLException("terminating connection due to administrator command", "57P01");
        assertThat(DatabaseFailures.unreachable(new JdbcException("fetch failed", shutdown)))
                .isTrue();
    }

    @Test
    void aStatementOnAConnectionThePoolClosedAfterALostConnectionIsAnUnreachableDatabase() {
        // What a command sees after Axon swallowed the lost connection of its snapshot read.
        var closedByPool = new SQLException("Connection is closed");
        assertThat(DatabaseFailures.unreachable(new JdbcException("Failed to create a SQL statement", closedByPool)))
                .isTrue();
    }

    @Test
    void otherDatabaseErrorsAndBugsAreNot() {
        var duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(DatabaseFailures.unreachable(new JdbcException("insert failed", duplicate)))
                .isFalse();
        assertThat(DatabaseFailures.unreachable(new IllegalStateException("a bug")))
                .isFalse();
    }
}

package dev.platform.infra.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises an unreachable database however deep it is wrapped: Spring's JDBC exceptions, a transaction that
 * could not get a connection, and Axon's own wrappers around a raw {@link SQLException} (event store appends,
 * token updates) all carry a connection failure somewhere in their causes.
 *
 * <p>One connection failure carries no SQL state: once a statement fails with a connection error, HikariCP closes
 * the connection's proxy, and every later statement on it fails with its own {@value #POOL_CLOSED}. Axon swallows
 * the first failure when it is a snapshot read (it logs it and loads the events instead), so a command loading an
 * aggregate on a connection that died unnoticed only shows this second one.
 */
final class DatabaseFailures {

    private static final int MAX_DEPTH = 32;

    /** HikariCP's message for a statement on a connection the pool closed after a fatal (connection) error. */
    static final String POOL_CLOSED = "Connection is closed";

    private DatabaseFailures() {}

    static boolean unreachable(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P: the server is shutting down or starting up.
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() == null
                    && POOL_CLOSED.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}

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
 */
final class DatabaseFailures {

    private static final int MAX_DEPTH = 32;

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
        }
        return false;
    }
}

package dev.platform.infra.axon;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.stereotype.Component;

/**
 * Tells the event store that an append lost a race for an (aggregate id, sequence number) slot. Axon's default
 * JDBC resolver looks for {@link SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never
 * throws: it reports SQL state {@code 23505} on a plain {@link SQLException}, often inside a batch exception.
 * Unrecognised, the clash surfaced as a generic event store error (a 500); recognised, Axon raises a
 * {@code ConcurrencyException} (or {@code AggregateStreamCreationException} for a first event) that callers
 * can retry or answer with 409.
 */
@Component
public class PostgresDuplicateKeys implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return isDuplicateKey(exception, new IdentityHashMap<>());
    }

    private static boolean isDuplicateKey(Throwable failure, Map<Throwable, Boolean> seen) {
        if (failure == null || seen.put(failure, Boolean.TRUE) != null) {
            return false;
        }
        if (failure instanceof SQLIntegrityConstraintViolationException) {
            return true;
        }
        if (failure instanceof SQLException sql) {
            if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (isDuplicateKey(sql.getNextException(), seen)) {
                return true;
            }
        }
        return isDuplicateKey(failure.getCause(), seen);
    }
}

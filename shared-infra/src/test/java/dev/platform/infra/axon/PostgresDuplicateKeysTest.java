package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresDuplicateKeysTest {

    private final PostgresDuplicateKeys resolver = new PostgresDuplicateKeys();

    @Test
    void aUniqueViolationIsADuplicateKey() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("duplicate key value", "23505")))
                .isTrue();
    }

    @Test
    void aUniqueViolationBehindABatchFailureIsADuplicateKey() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "", 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key value", "23505"));

        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("append failed", batch)))
                .isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection refused", "08001")))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("not null violation", "23502")))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no cause")))
                .isFalse();
    }
}

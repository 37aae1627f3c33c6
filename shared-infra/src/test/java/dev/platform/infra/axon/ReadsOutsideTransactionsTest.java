package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;

/** The event store's reads run without a transaction of their own, its writes in one. */
class ReadsOutsideTransactionsTest {

    private final List<String> happened = new ArrayList<>();

    private final TransactionManager transactions = () -> {
        happened.add("begin");
        return new Transaction() {
            @Override
            public void commit() {
                happened.add("commit");
            }

            @Override
            public void rollback() {
                happened.add("rollback");
            }
        };
    };

    @Test
    void aReadRunsWithoutATransaction() {
        String read = new ReadsOutsideTransactions(transactions).fetchInTransaction(() -> {
            happened.add("read");
            return "events";
        });

        assertThat(read).isEqualTo("events");
        assertThat(happened).containsExactly("read");
    }

    @Test
    void aWriteRunsInATransaction() {
        new ReadsOutsideTransactions(transactions).executeInTransaction(() -> happened.add("write"));

        assertThat(happened).containsExactly("begin", "write", "commit");
    }
}

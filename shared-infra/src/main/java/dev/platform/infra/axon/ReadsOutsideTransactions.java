package dev.platform.infra.axon;

import java.util.function.Supplier;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The event store's transactions: its writes in a transaction, as before; its reads in none of their own. Axon's
 * JDBC engine reads through {@code fetchInTransaction} (the stream a processor reads, an aggregate's events, the
 * tokens of the head and the tail), writes through {@code executeInTransaction}. A read inside a transaction (a
 * command loading its aggregate) uses that transaction's connection as before; a read outside one (the head of the
 * stream, a processor catching up) runs its statements with the connection's auto-commit, each a transaction of its
 * own in PostgreSQL: the same snapshots as in a read-only transaction at read committed, without its {@code BEGIN}
 * and its {@code COMMIT}, a round trip of each read of the head (under a stream of writes, every few milliseconds).
 */
final class ReadsOutsideTransactions implements TransactionManager {

    private final TransactionManager transactions;

    ReadsOutsideTransactions(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        return transactions.startTransaction();
    }

    @Override
    public void executeInTransaction(Runnable task) {
        transactions.executeInTransaction(task);
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return supplier.get();
    }
}

package dev.platform.infra.axon;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactions of a blue-green rebuild's processor, which write the group's copies of its tables ({@link
 * ReadModelTables}) in a schema of their own, never the live ones: they carry a name of their own, so that what
 * watches the writes of a live table (the query side's cache of post reads) can tell them apart and leave them out.
 */
public final class RebuildTransactions {

    private static final String PREFIX = "rebuild of ";

    private RebuildTransactions() {}

    /** A new transaction (or one joined) named after the rebuild's schema. */
    public static TransactionDefinition definition(String schema) {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setName(PREFIX + schema);
        return definition;
    }

    /** Whether the calling thread is inside a rebuild's transaction: its writes go to the rebuild's tables. */
    public static boolean current() {
        String name = TransactionSynchronizationManager.getCurrentTransactionName();
        return name != null && name.startsWith(PREFIX) && TransactionSynchronizationManager.isActualTransactionActive();
    }
}

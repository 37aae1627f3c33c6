package dev.platform.infra.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * One module's own schema: its Flyway migrations under {@code classpath:db/<name>} and its own history table
 * {@code flyway_history_<name>}. Each module keeps its own version line, so the sides can run together in
 * one application or alone against the same database without seeing each other's migrations as missing.
 *
 * @param order modules migrate in ascending order (the shared Axon tables first)
 */
public record SchemaModule(String name, int order) {

    public String location() {
        return "classpath:db/" + name;
    }

    public String historyTable() {
        return "flyway_history_" + name.replace('-', '_');
    }

    /**
     * Applies this module's pending migrations. {@link SchemaMigrations} calls it for every module of the process;
     * a module's tests call it to get the tables exactly as the application makes them.
     */
    public MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(location())
                .table(historyTable())
                // The schema is shared: another module's tables are no reason to refuse a first migration.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}

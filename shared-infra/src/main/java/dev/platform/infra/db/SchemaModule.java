package dev.platform.infra.db;

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
}

package dev.platform.infra.db;

import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Migrates every {@link SchemaModule} present in this process, in order, while the context starts and before
 * any event processor or runner touches the database. Nothing else creates tables: there is no Hibernate.
 */
@Component
class SchemaMigrations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private final DataSource dataSource;
    private final List<SchemaModule> modules;

    SchemaMigrations(DataSource dataSource, List<SchemaModule> modules) {
        this.dataSource = dataSource;
        this.modules = modules;
    }

    @Override
    public void afterPropertiesSet() {
        modules.stream().sorted(Comparator.comparingInt(SchemaModule::order)).forEach(module -> {
            var result = module.migrate(dataSource);
            log.info(
                    "schema {}: {} migration(s) applied, now at {}",
                    module.name(),
                    result.migrationsExecuted,
                    result.targetSchemaVersion);
        });
    }

    @Configuration
    static class InfraSchema {
        /** Axon's own tables: events, snapshots, tokens, sagas, dead letters. */
        @Bean
        SchemaModule axonSchema() {
            return new SchemaModule("axon", 0);
        }
    }
}

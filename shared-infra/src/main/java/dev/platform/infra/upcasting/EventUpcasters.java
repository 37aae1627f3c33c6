package dev.platform.infra.upcasting;

import dev.platform.infra.personaldata.PersonalDataUpcaster;
import dev.platform.infra.personaldata.PersonalFields;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The upcasters of the platform's events. Axon's Spring Boot autoconfiguration puts every {@link EventUpcaster}
 * bean into the configuration's upcaster chain, which the JDBC storage engine applies to everything it reads
 * (aggregate streams and processors alike); the audit feed reads through the same chain. Steps of one event
 * type run in the order given here, oldest revision first.
 */
@Configuration
public class EventUpcasters {

    @Bean
    @Order(1)
    EventUpcaster userProfileUpdatedRevision2() {
        return new UserProfileUpdatedRevision2();
    }

    /** Last: opens the personal fields of whatever shape the steps before have made. */
    @Bean
    @Order(Integer.MAX_VALUE)
    EventUpcaster personalDataUpcaster(PersonalFields fields) {
        return new PersonalDataUpcaster(fields);
    }
}

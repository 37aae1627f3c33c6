package dev.platform.command;

import dev.platform.infra.axon.ConditionalCommands;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.JwtService;
import dev.platform.infra.security.RevokedTokens;
import dev.platform.infra.security.SecurityConfiguration;
import dev.platform.infra.web.ErrorResponses;
import dev.platform.infra.web.Preconditions;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * What every web slice of a command-side controller has around it, next to its {@code @WebMvcTest}: the platform's
 * security, error bodies and conditional-write beans, the system clock, and mocks of what lies behind a controller
 * (the command gateway, read-your-writes, and the token cutoffs, which live in the database a slice has not: none is
 * known). A test autowires a mock to stub or verify it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({
    SecurityConfiguration.class,
    JwtService.class,
    ErrorResponses.class,
    Preconditions.class,
    ConditionalCommands.class,
    CommandWebSlice.SystemClock.class
})
@MockitoBean(types = {CommandGateway.class, ReadYourWrites.class, RevokedTokens.class})
public @interface CommandWebSlice {

    @TestConfiguration
    class SystemClock {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}

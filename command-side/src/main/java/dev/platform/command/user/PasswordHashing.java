package dev.platform.command.user;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed with Argon2id (19 MiB, 2 iterations, 1 lane: OWASP's baseline). bcrypt would cut a
 * password at 72 bytes, and the contract allows 128 characters that must all count. Every hash and check goes
 * through a {@link HashingBulkhead}: register and login are open to anyone, and without a cap a few hundred of
 * them at once would each hold 19 MiB.
 */
@Configuration
// The account settings of this package, bound once here.
@EnableConfigurationProperties({
    PasswordHashingProperties.class,
    AdminProperties.class,
    LoginThrottleProperties.class,
    ErasureProperties.class
})
class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder(PasswordHashingProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new HashingBulkhead(
                new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2),
                properties,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}

package dev.platform.command.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed with Argon2id (19 MiB, 2 iterations, 1 lane: OWASP's baseline). bcrypt would cut a
 * password at 72 bytes, and the contract allows 128 characters that must all count.
 */
@Configuration
class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }
}

package dev.platform.command.user;

import dev.platform.api.user.EmailTaken;
import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The operator account: when {@code platform.admin.email} and {@code platform.admin.password} are set, a user
 * with role admin and those credentials exists once the application has started. The configured password
 * wins over a stored one. An e-mail already used by a non-admin account stops the start: promoting a
 * stranger's account would hand it the platform.
 */
@Component
class AdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final String email;
    private final String password;
    private final String username;
    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final CommandGateway commands;
    private final Clock clock;

    AdminAccount(
            @Value("${platform.admin.email:}") String email,
            @Value("${platform.admin.password:}") String password,
            @Value("${platform.admin.username:admin}") String username,
            UserAccounts accounts,
            PasswordEncoder passwords,
            CommandGateway commands,
            Clock clock) {
        this.email = email;
        this.password = password;
        this.username = username;
        this.accounts = accounts;
        this.passwords = passwords;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!StringUtils.hasText(email) || !StringUtils.hasText(password)) {
            return;
        }
        var existing = accounts.findByEmail(email);
        if (existing.isEmpty()) {
            try {
                UserId id = new UserId(UUID.randomUUID());
                commands.sendAndWait(new RegisterUser(
                        id,
                        UserAccounts.emailKey(email),
                        username,
                        Role.ADMIN,
                        passwords.encode(password),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)));
                log.info("operator account {} created", id);
                return;
            } catch (EmailTaken raceWithAnotherNode) {
                existing = accounts.findByEmail(email);
            }
        }
        var account = existing.orElseThrow();
        if (account.role() != Role.ADMIN) {
            throw new IllegalStateException(
                    "platform.admin.email belongs to an existing non-admin account; choose another address");
        }
        if (!passwords.matches(password, account.passwordHash())) {
            accounts.changePasswordHash(account.userId(), passwords.encode(password));
            log.info("operator account {}: password set from configuration", account.userId());
        }
    }
}

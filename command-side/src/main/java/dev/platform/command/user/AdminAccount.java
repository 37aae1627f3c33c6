package dev.platform.command.user;

import dev.platform.api.user.EmailTaken;
import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.api.user.UsernameTaken;
import dev.platform.infra.time.ApiTime;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The operator account: when {@code platform.admin.email} and {@code platform.admin.password} are set, a user
 * with role admin and those credentials exists once the application has started. The configured password
 * wins over a stored one. An e-mail already used by a non-admin account stops the start: promoting a
 * stranger's account would hand it the platform. A username ({@code platform.admin.username}) that another
 * account took before it was reserved (see {@link UniqueAccountClaims}) does not: the operator account is then
 * created as {@code <username>_<8 hex digits>} and a warning names it.
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
            AdminProperties operator,
            UserAccounts accounts,
            PasswordEncoder passwords,
            CommandGateway commands,
            Clock clock) {
        this.email = operator.email();
        this.password = operator.password();
        this.username = operator.username();
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
                create();
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

    private void create() {
        UserId id = new UserId(UUID.randomUUID());
        String hash = passwords.encode(password);
        try {
            register(id, username, hash);
            log.info("operator account {} created", id);
        } catch (UsernameTaken takenBeforeItWasReserved) {
            String fallback = fallbackUsername(username, id);
            register(id, fallback, hash);
            log.warn(
                    "operator account {} created as '{}': the username '{}' belongs to another account",
                    id,
                    fallback,
                    username);
        }
    }

    private void register(UserId id, String name, String hash) {
        commands.sendAndWait(
                new RegisterUser(id, UserAccounts.emailKey(email), name, Role.ADMIN, hash, ApiTime.now(clock)));
    }

    /** The configured name, cut to leave room, with a suffix from the new account's id: within 30 characters. */
    static String fallbackUsername(String configured, UserId id) {
        String suffix = "_" + id.value().toString().replace("-", "").substring(0, 8);
        return configured.substring(0, Math.min(configured.length(), 30 - suffix.length())) + suffix;
    }
}

package dev.platform.command.user;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.infra.security.JwtService;
import dev.platform.infra.security.TokenCutoffTable;
import dev.platform.infra.web.Overloaded;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login: an e-mail and a password for a bearer token. Attempts per e-mail are throttled ({@link LoginThrottle}),
 * and an unknown e-mail costs the same hashing as a wrong password, so the answer's time does not tell which.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class LoginController {

    private final PasswordEncoder passwords;
    private final UserAccounts accounts;
    private final LoginThrottle throttle;
    private final JwtService jwt;
    private final TokenCutoffTable cutoffs;
    // Compared against when the e-mail is unknown, so both failures take the same time.
    private final String unknownUserHash;

    LoginController(
            PasswordEncoder passwords,
            UserAccounts accounts,
            LoginThrottle throttle,
            JwtService jwt,
            TokenCutoffTable cutoffs) {
        this.passwords = passwords;
        this.accounts = accounts;
        this.throttle = throttle;
        this.jwt = jwt;
        this.cutoffs = cutoffs;
        this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
    }

    record AccessToken(String accessToken, String tokenType, long expiresIn) {}

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccessToken> login(@RequestBody @Valid LoginRequest form) {
        String emailKey = UserAccounts.emailKey(form.email());
        // Counted before the check (429 once 10 are counted); a wrong password leaves it counted as a failure.
        LoginThrottle.Attempt attempt = throttle.reserve(emailKey);
        var credentials = accounts.findByEmail(emailKey);
        boolean matches;
        try {
            matches = passwords.matches(
                    form.password(),
                    credentials.map(UserAccounts.Credentials::passwordHash).orElse(unknownUserHash));
        } catch (Overloaded notChecked) {
            throttle.release(attempt);
            throw notChecked;
        }
        if (credentials.isEmpty() || !matches) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "The e-mail or the password is wrong.");
        }
        throttle.succeeded(emailKey);
        var user = credentials.get();
        // Read from the database, not this node's copy: a login right after a change made on another node must
        // not get a token of the change's second, which every node refuses once it knows the change.
        String token = jwt.issue(
                user.userId(), user.role(), cutoffs.find(user.userId()).orElse(null));
        return ResponseEntity.ok(new AccessToken(token, "bearer", jwt.ttlSeconds()));
    }
}

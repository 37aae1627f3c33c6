package dev.platform.infra.security;

import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * What a valid account token names: the user, what it is for, the request it answers (the user's request counter
 * on the command side, so a newer request spends the older tokens) and when it stops being valid.
 */
public record AccountToken(UserId userId, AccountTokenPurpose purpose, int request, Instant expiresAt) {}

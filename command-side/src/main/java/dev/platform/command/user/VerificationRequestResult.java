package dev.platform.command.user;

import dev.platform.api.user.UserId;
import java.time.Instant;

/**
 * What a request for another verification e-mail did: {@code retryAt} is set when it came too soon and nothing was
 * recorded; {@code alreadyVerified} when there is nothing to verify (nothing recorded either).
 */
record VerificationRequestResult(UserId id, boolean alreadyVerified, Instant retryAt, long version) {}

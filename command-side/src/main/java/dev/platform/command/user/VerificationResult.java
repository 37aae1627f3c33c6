package dev.platform.command.user;

import dev.platform.api.user.UserId;

/** What a verification left: the account, and its version to wait for (unchanged when it was verified already). */
record VerificationResult(UserId id, long version) {}

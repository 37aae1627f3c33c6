package dev.platform.api.user;

import java.time.Instant;

/**
 * Emitted once when a person is erased: their key is deleted in the same transaction, so the personal fields of
 * their earlier events read as {@code null} from then on (crypto-shredding, docs/audit.md). Carries no personal
 * data: who was erased (the id), by whom and when is what an auditor still sees.
 */
public record UserErased(UserId userId, UserId erasedBy, Instant erasedAt) {}

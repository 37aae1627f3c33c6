package dev.platform.api.user;

import java.time.Instant;

/**
 * Emitted by the one-time migration that encrypted in place the personal fields of user events stored in clear
 * before crypto-shredding (docs/audit.md): how many stored events it rewrote, up to which position it looked, and
 * when. The one rewrite of stored events the project allows, recorded in the store itself. Carries no personal data.
 */
public record PersonalDataEncrypted(long eventsRewritten, long upToPosition, Instant encryptedAt) {}

package dev.platform.infra.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.idempotency.*}: how long an {@code Idempotency-Key} and its answer are kept and how long requests
 * wait for each other.
 *
 * @param ttl how long a key is remembered after its first request: the same request within it gets the same answer
 * @param waitTimeout the longest wait of a request for another one with the same key that is still running; then
 *     409 {@code IDEMPOTENCY_KEY_IN_PROGRESS}
 * @param lease how long a running request holds its key; a request still unanswered after it (its node died) may be
 *     taken over by the next one with that key. Longer than any request runs (its waits are bounded by seconds)
 * @param purgeInterval how often each node deletes expired keys
 */
@ConfigurationProperties("platform.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("10s") Duration waitTimeout,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("5m") Duration purgeInterval) {}

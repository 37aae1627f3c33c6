package dev.platform.infra.idempotency;

/**
 * One request's view of its key: whose it is, the key, the route and the SHA-256 of the raw body bytes. Two requests
 * are "the same request" when all of these are equal.
 */
record KeyRequest(String scope, String key, IdempotentRoute route, byte[] bodyHash) {}

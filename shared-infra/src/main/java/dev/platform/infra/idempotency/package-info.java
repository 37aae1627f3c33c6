/**
 * {@code Idempotency-Key} on the creating POSTs: a retried create gives the first answer again instead of a second
 * resource, also across nodes and when two attempts run at once. The routes are listed in {@link
 * dev.platform.infra.idempotency.IdempotentRoute#ALL}; their controllers take the new resource's id from {@link
 * dev.platform.infra.idempotency.IdempotentIds}.
 */
package dev.platform.infra.idempotency;

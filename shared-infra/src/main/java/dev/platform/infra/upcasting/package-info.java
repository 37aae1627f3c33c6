/**
 * Upcasters of stored events: every process that reads events (aggregates, projections, the audit feed) applies
 * them, so they live here, one class per revision step, registered by {@link dev.platform.infra.upcasting.EventUpcasters}.
 */
package dev.platform.infra.upcasting;

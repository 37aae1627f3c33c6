/**
 * Several nodes running the same event processors: each node's identity in {@code token_entry}, its heartbeat, and
 * the balancing that splits every streaming processor's segments fairly between the live nodes.
 */
package dev.platform.infra.cluster;

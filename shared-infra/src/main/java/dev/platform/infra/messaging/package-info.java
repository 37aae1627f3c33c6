/**
 * RabbitMQ conventions shared by the sides that use it: every queue is a quorum queue with a delivery limit, and a
 * queue of an earlier, classic layout is drained into its quorum successor at start.
 */
package dev.platform.infra.messaging;

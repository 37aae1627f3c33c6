/**
 * The event store as an audit trail: the admin's export of the global event stream and the per-aggregate history
 * that history endpoints of features (a post's history) answer from.
 */
package dev.platform.query.audit;

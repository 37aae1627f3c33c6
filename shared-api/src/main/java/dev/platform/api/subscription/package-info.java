/**
 * Subscriptions: a reader (or any user) following a creator, one subscription per pair, the commands that start
 * and cancel it, the events they cause, and the rules they can break.
 */
package dev.platform.api.subscription;

/** Subscriptions on the write side: subscribing to a creator and cancelling it, one subscription per pair. */
package dev.platform.command.subscription;

/** Subscriptions on the read side: the subscriber's list of subscriptions and the endpoint that reads it. */
package dev.platform.query.subscription;

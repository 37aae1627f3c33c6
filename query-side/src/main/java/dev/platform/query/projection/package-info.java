/**
 * Operating the event processors (the projections, and the sagas of a process that runs them): each streaming
 * processor's progress against the head of the event store, and rebuilding a read model from the event store (over
 * HTTP for the admin, and from the command line).
 */
package dev.platform.query.projection;

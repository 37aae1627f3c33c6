/**
 * Posts on the write side: creating, editing, publishing and unpublishing, the {@code Post} aggregate with its
 * authorization rules, and its snapshot policy.
 */
package dev.platform.command.post;

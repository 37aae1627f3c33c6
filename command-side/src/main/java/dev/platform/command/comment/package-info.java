/**
 * Comments on the write side: adding a comment or a reply to a published post, editing and removing one, the
 * {@code Comment} aggregate, and the command side's own knowledge of posts and comments that decides whether a
 * comment may be added, edited or removed.
 */
package dev.platform.command.comment;

/** Posts: the commands that write, edit and publish them, the events they cause, and the rules they can break. */
package dev.platform.api.post;

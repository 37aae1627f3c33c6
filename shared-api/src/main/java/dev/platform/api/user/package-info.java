/** Users: the commands that register and change accounts, the events they cause, and the rules they can break. */
package dev.platform.api.user;

/**
 * Users on the write side: registration, login (with throttling) and profile changes, the {@code User}
 * aggregate, the account lookup tables that keep e-mail and username unique, and the operator account.
 */
package dev.platform.command.user;

/** New-post notifications: the facts the notification side records about its own progress. */
package dev.platform.api.notification;

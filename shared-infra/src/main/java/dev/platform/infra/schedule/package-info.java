/** Work repeated in the background while a process runs, with one way of starting, stopping and failing. */
package dev.platform.infra.schedule;

/** What crosses every feature: error codes, the domain exception, strict id parsing. */
package dev.platform.api.common;

/**
 * Erasure by crypto-shredding (docs/audit.md): the personal fields of user events are stored encrypted with a key
 * per user ({@link dev.platform.infra.personaldata.PersonalDataKeys}); the serializer seals them on write, an
 * upcaster opens them on every read, and erasing a person deletes the key, so every stored copy of those fields
 * becomes unreadable at once and reads as {@code null} with the marker {@code "personalData": "erased"}.
 */
package dev.platform.infra.personaldata;

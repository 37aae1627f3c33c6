/**
 * Request bodies bound to records and judged by Bean Validation: the binding that never fails on a body's content
 * ({@link dev.platform.infra.web.body.JsonRequestDeserializer}), the character rules as constraints, and the
 * translation of every problem of one body into one 400 {@code VALIDATION_FAILED}.
 */
package dev.platform.infra.web.body;

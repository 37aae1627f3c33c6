/** The OpenAPI 3 description of the API that every process serves, with Swagger UI, for its own endpoints. */
package dev.platform.infra.docs;

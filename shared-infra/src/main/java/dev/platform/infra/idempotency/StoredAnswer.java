package dev.platform.infra.idempotency;

import java.util.Map;

/** A successful answer kept for its key: replayed byte for byte, with the headers that belong to it. */
record StoredAnswer(int status, Map<String, String> headers, byte[] body) {}

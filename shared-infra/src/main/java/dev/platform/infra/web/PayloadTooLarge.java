package dev.platform.infra.web;

import java.io.IOException;

/** A request body grew past the limit while it was being read (a chunked body gives no length up front). */
class PayloadTooLarge extends IOException {
    PayloadTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }
}

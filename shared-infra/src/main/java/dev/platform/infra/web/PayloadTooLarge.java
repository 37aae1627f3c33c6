package dev.platform.infra.web;

import java.io.IOException;

/** A request body grew past the limit while it was being read (a chunked body gives no length up front). */
public class PayloadTooLarge extends IOException {

    /** The {@code detail} of the 413 answer. */
    public static final String DETAIL = "The request body is larger than 1 MiB.";

    PayloadTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }
}

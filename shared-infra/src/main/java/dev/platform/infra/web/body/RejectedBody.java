package dev.platform.infra.web.body;

import org.springframework.validation.BindingResult;

/**
 * A request body that failed validation, thrown by a controller that checks the caller first: it takes the
 * {@link BindingResult} beside its {@code @Valid} body (so Spring does not answer before the check) and calls
 * {@link #throwIfAny} after it. Answered exactly like Spring's own {@code MethodArgumentNotValidException}.
 */
public final class RejectedBody extends RuntimeException {

    private final transient BindingResult result;

    private RejectedBody(BindingResult result) {
        super("The request is invalid.", null, false, false);
        this.result = result;
    }

    public BindingResult result() {
        return result;
    }

    public static void throwIfAny(BindingResult result) {
        if (result.hasErrors()) {
            throw new RejectedBody(result);
        }
    }
}

package dev.platform.infra.docs;

import java.util.List;
import java.util.Map;

/**
 * How one operation of the API is described: its stable id (the method name in a generated client), its tag, its
 * answers with their headers, the errors beyond the ones every operation may answer, its typed query parameters
 * and optional request headers, and an example body. The response bodies' schemas come from the controllers.
 *
 * @param successes the answers that carry the operation's result (or none, like 204 and 304), first the usual one
 * @param errors further error statuses of this operation (the common ones are added to every operation) with what
 *     they mean; each has the ApiError body
 * @param requestExample an example request body as JSON, or {@code null} for an operation without a body
 */
public record ApiOperation(
        String method,
        String path,
        String operationId,
        ApiTag tag,
        String summary,
        boolean publicAccess,
        List<Answer> successes,
        Map<Integer, String> errors,
        List<QueryParameter> query,
        List<RequestHeader> requestHeaders,
        String requestExample) {

    /** The key of the table: {@code "POST /api/v1/posts"}. */
    public String key() {
        return key(method, path);
    }

    public static String key(String method, String path) {
        return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
    }

    /** A non-error answer; {@code withBody} answers carry the body the controller returns. */
    public record Answer(int status, String description, boolean withBody, List<ResponseHeader> headers) {}
}

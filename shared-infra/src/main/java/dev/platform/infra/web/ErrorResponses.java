package dev.platform.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.api.common.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Writes the contract's error body where no controller advice reaches: servlet filters and the security layer. */
@Component
public class ErrorResponses {

    private final ObjectMapper objectMapper;

    public ErrorResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static ApiError body(ErrorCode code, String detail, Map<String, String> fieldErrors) {
        return new ApiError(detail, code.name(), fieldErrors, RequestIds.current());
    }

    public void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        write(response, code, detail, Map.of());
    }

    public void write(HttpServletResponse response, ErrorCode code, String detail, Map<String, String> fieldErrors)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), body(code, detail, fieldErrors));
    }
}

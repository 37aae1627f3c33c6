package bench.peer;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns a {@link Refused} of any of the peer's controllers into its status and a one-field JSON body. */
@RestControllerAdvice
class PeerErrors {

    @ExceptionHandler
    ResponseEntity<Map<String, String>> refused(Refused e) {
        return ResponseEntity.status(e.status).body(Map.of("detail", e.getMessage()));
    }
}

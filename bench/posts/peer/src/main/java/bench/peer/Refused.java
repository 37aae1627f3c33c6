package bench.peer;

import org.springframework.http.HttpStatus;

/** A refused request of the peer: the status and a short reason (no stack trace: refusals are ordinary). */
class Refused extends RuntimeException {

    final HttpStatus status;

    Refused(HttpStatus status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }
}

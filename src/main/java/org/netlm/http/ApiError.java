package org.netlm.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The one JSON error shape of every HTTP endpoint of the project (the CDS Hooks service, the workbench):
 * <pre>{ "error": { "status": 400, "code": "MALFORMED_JSON", "message": "…", "problems": [ { "field": "…", "reason": "…" } ] } }</pre>
 * {@code problems} lists every problem found at once (possibly none). Never a stack trace, never patient data
 * beyond the field names and reasons the caller sent.
 *
 * @param status   the HTTP status
 * @param code     a stable upper-case code a client can branch on
 * @param message  one sentence for a person
 * @param problems every problem found (field may be {@code null})
 */
public record ApiError(int status, String code, String message, List<Problem> problems) {

    /** One problem: the member of the request (a JSON path, a header) and what is wrong with it. */
    public record Problem(String field, String reason) {
    }

    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        problems = List.copyOf(problems);
    }

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, List.of());
    }

    public ApiError withProblems(List<Problem> more) {
        return new ApiError(status, code, message, more);
    }

    /** The response body. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("status", status);
        e.put("code", code);
        e.put("message", message);
        ArrayNode list = e.putArray("problems");
        for (Problem p : problems) {
            ObjectNode n = list.addObject();
            if (p.field() != null) {
                n.put("field", p.field());
            }
            n.put("reason", p.reason());
        }
        return root;
    }

    /** Thrown by a handler to answer with this error (the server renders it; nothing else is logged at INFO). */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ApiError error;

        public Failure(ApiError error) {
            super(error.code() + ": " + error.message(), null, false, false);
            this.error = error;
        }

        public ApiError error() {
            return error;
        }
    }

    public Failure failure() {
        return new Failure(this);
    }
}

package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.netlm.http.ApiError;

/**
 * A CDS Hooks 2.0 service request, checked: {@code hook} (the service's), {@code hookInstance}, {@code context}
 * (an object), {@code fhirServer} (an http(s) URL, optional), {@code fhirAuthorization} (requires
 * {@code fhirServer}; {@code access_token}, {@code token_type} Bearer), {@code prefetch} (an object, optional).
 * Every problem is reported at once (400).
 */
record HookRequest(String hook, String hookInstance, String fhirServer, String accessToken, JsonNode context,
                   JsonNode prefetch) {

    static HookRequest parse(JsonNode body, String expectedHook) {
        List<ApiError.Problem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "MALFORMED_REQUEST", "The request body must be a JSON object (a CDS Hooks request).",
                List.of()).failure();
        }
        String hook = text(body, "hook", problems, true);
        if (hook != null && !hook.equals(expectedHook)) {
            problems.add(new ApiError.Problem("hook", "this service answers " + expectedHook + ", not " + hook));
        }
        String instance = text(body, "hookInstance", problems, true);
        String fhirServer = text(body, "fhirServer", problems, false);
        if (fhirServer != null && !ServiceConfig.httpUrl(fhirServer)) {
            problems.add(new ApiError.Problem("fhirServer", "must be an http(s) URL"));
        }
        String token = null;
        JsonNode auth = body.get("fhirAuthorization");
        if (auth != null && !auth.isNull()) {
            if (!auth.isObject()) {
                problems.add(new ApiError.Problem("fhirAuthorization", "must be an object"));
            } else {
                token = text(auth, "access_token", problems, true, "fhirAuthorization.");
                String type = text(auth, "token_type", problems, true, "fhirAuthorization.");
                if (type != null && !type.equalsIgnoreCase("Bearer")) {
                    problems.add(new ApiError.Problem("fhirAuthorization.token_type", "must be Bearer"));
                }
                if (fhirServer == null) {
                    problems.add(new ApiError.Problem("fhirServer", "required when fhirAuthorization is given"));
                }
            }
        }
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            problems.add(new ApiError.Problem("context", context == null ? "missing" : "must be an object"));
        }
        JsonNode prefetch = body.get("prefetch");
        if (prefetch != null && !prefetch.isNull() && !prefetch.isObject()) {
            problems.add(new ApiError.Problem("prefetch", "must be an object"));
        }
        if (!problems.isEmpty()) {
            throw new ApiError(400, "MALFORMED_REQUEST", "The CDS Hooks request is not valid.", problems).failure();
        }
        return new HookRequest(hook, instance, fhirServer, token, context, prefetch == null || prefetch.isNull() ? null : prefetch);
    }

    HookRequest withFhirServer(String server, String token) {
        return new HookRequest(hook, hookInstance, server, token, context, prefetch);
    }

    private static String text(JsonNode node, String name, List<ApiError.Problem> problems, boolean required) {
        return text(node, name, problems, required, "");
    }

    private static String text(JsonNode node, String name, List<ApiError.Problem> problems, boolean required, String prefix) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(new ApiError.Problem(prefix + name, "missing"));
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(new ApiError.Problem(prefix + name, "must be a non-empty string"));
            return null;
        }
        return v.asText();
    }
}

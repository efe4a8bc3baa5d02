package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads from the CDS client's FHIR server what the prefetch did not carry: GET with {@code Accept:
 * application/fhir+json} and the {@code fhirAuthorization} bearer token, a timeout per call, a bounded response
 * size, redirects not followed (the token must not travel elsewhere). Thread-safe (one {@link HttpClient}).
 */
final class FhirClient {
    /** A failed read, in words for the card (no token, no response body). */
    static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;

        FetchException(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;
    private final ObjectMapper mapper;

    FhirClient(ObjectMapper mapper, Duration timeout, long maxBytes) {
        this.mapper = mapper;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The JSON resource at {@code url}. */
    JsonNode get(URI url, String bearerToken) throws FetchException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(timeout).GET()
            .header("Accept", "application/fhir+json");
        if (bearerToken != null) {
            rb.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchException("FHIR server not reachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new FetchException("FHIR server answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new FetchException("FHIR response larger than " + maxBytes + " bytes");
            }
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject() || !node.has("resourceType")) {
                throw new FetchException("FHIR server answered something that is not a FHIR resource");
            }
            return node;
        } catch (IOException e) {
            throw new FetchException("FHIR response unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }
}

package org.netlm.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.netlm.audit.AuditStore;
import org.netlm.engine.NetlmEngine;
import org.netlm.http.ApiError;
import org.netlm.http.EmbeddedHttpServer;
import org.netlm.io.JsonErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CDS Hooks 2.0 HTTP service: {@code GET /cds-services} (discovery), {@code POST /cds-services/{id}} (the
 * hooks), {@code POST /cds-services/{id}/feedback}. Every call needs the client's signed JWT ({@link TokenVerifier})
 * unless started without authentication (local demos: a warning is logged). Logs one INFO line at start (address,
 * knowledge version, auth mode) and nothing about patients at INFO.
 */
public final class CdsHooksServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServer.class);
    public static final String BASE_PATH = "/cds-services";

    /** How callers are authenticated. */
    public enum Auth { JWT, NONE }

    private final EmbeddedHttpServer http;
    private final CdsHooksService service;
    private final String baseUrl;
    private final Auth auth;

    private CdsHooksServer(EmbeddedHttpServer http, CdsHooksService service, String baseUrl, Auth auth) {
        this.http = http;
        this.service = service;
        this.baseUrl = baseUrl;
        this.auth = auth;
    }

    /**
     * The JSON reader of request bodies: duplicate keys rejected, nesting and strings bounded, decimals read as
     * {@link java.math.BigDecimal} with their digits kept, as HAPI reads FHIR JSON: the prefetch's tree goes to the FHIR
     * mapper as it is, without being written out as text and parsed again.
     */
    static ObjectMapper requestMapper() {
        JsonFactory f = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxStringLength(5_000_000).build())
            .build();
        return JsonMapper.builder(f)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    }

    /**
     * Starts the service on {@code port} (0: a free one).
     *
     * @throws IOException when a configured JWK Set cannot be read
     */
    public static CdsHooksServer start(NetlmEngine engine, PatientMapping patients, ServiceConfig config, int port, Auth auth)
        throws IOException {
        return start(engine, patients, config, port, auth, null);
    }

    /**
     * Starts the service on {@code port} (0: a free one), recording every call that shows cards and every feedback in
     * {@code audit} ({@code null}: no audit trail). The caller owns the store and closes it after {@link #stop()}.
     *
     * @throws IOException when a configured JWK Set cannot be read
     */
    public static CdsHooksServer start(NetlmEngine engine, PatientMapping patients, ServiceConfig config, int port, Auth auth,
                                       AuditStore audit)
        throws IOException {
        Objects.requireNonNull(auth, "auth");
        ObjectMapper mapper = requestMapper();
        Clock clock = Clock.systemUTC();
        CdsHooksService service = new CdsHooksService(engine, patients, config, mapper, clock, audit);
        TokenVerifier verifier = auth == Auth.JWT ? new TokenVerifier(config, clock) : null;
        if (auth == Auth.NONE) {
            LOG.warn("AUTHENTICATION OFF (--no-auth): any caller that reaches this port gets cards; for local demos only");
        } else if (verifier.issuerCount() == 0) {
            LOG.warn("no trusted issuers configured: every call will be refused (401); list issuers in the --config file");
        }
        EmbeddedHttpServer.Settings settings = new EmbeddedHttpServer.Settings(config.host(), port, config.maxRequestBytes(),
            Duration.ofMillis(config.idleTimeoutMillis()), Duration.ofMillis(config.stopTimeoutMillis()), config.corsOrigins());
        String[] base = new String[1];
        EmbeddedHttpServer http = EmbeddedHttpServer.start(settings, mapper, routes -> {
            routes.before(BASE_PATH + "*", ctx -> {
                if (verifier != null && ctx.method() != HandlerType.OPTIONS) {
                    authenticate(verifier, ctx, base[0]);
                }
            });
            routes.get(BASE_PATH, ctx -> json(ctx, mapper, service.discovery()));
            routes.post(BASE_PATH + "/{id}", ctx -> json(ctx, mapper, service.call(ctx.pathParam("id"), body(ctx, mapper))));
            routes.post(BASE_PATH + "/{id}/feedback", ctx -> {
                service.feedback(ctx.pathParam("id"), body(ctx, mapper));
                ctx.status(200).contentType("application/json").result("{}");
            });
        });
        base[0] = config.baseUrl() != null ? stripSlash(config.baseUrl()) : http.baseUrl();
        LOG.info("CDS Hooks service listening on {}{} (bound {}:{}), knowledge version {}, auth {}, audit {}, ready {} ms after JVM start",
            base[0], BASE_PATH, config.host(), http.port(), service.knowledgeVersion(),
            auth == Auth.JWT ? "JWT (" + verifier.issuerCount() + " trusted issuer(s))" : "OFF (--no-auth)",
            audit == null ? "off" : "on", ManagementFactory.getRuntimeMXBean().getUptime());
        return new CdsHooksServer(http, service, base[0], auth);
    }

    private static void authenticate(TokenVerifier verifier, Context ctx, String base) {
        try {
            verifier.verify(ctx.header("Authorization"), base + ctx.path());
        } catch (AuthException e) {
            LOG.debug("refused {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            throw new ApiError(e.status(), e.status() == 401 ? "UNAUTHORIZED" : "UNAVAILABLE",
                e.status() == 401 ? "A valid signed JWT from a trusted CDS client is required." : e.getMessage(),
                List.of(new ApiError.Problem("Authorization", e.getMessage()))).failure();
        }
    }

    private static JsonNode body(Context ctx, ObjectMapper mapper) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiError.of(400, "MALFORMED_JSON", "The request has no body; a CDS Hooks request is a JSON object.").failure();
        }
        try {
            return mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "MALFORMED_JSON", "The request body is not valid JSON.",
                List.of(new ApiError.Problem(null, JsonErrors.describe(e)))).failure();
        } catch (IOException e) {
            throw ApiError.of(400, "MALFORMED_JSON", "The request body could not be read.").failure();
        }
    }

    private static void json(Context ctx, ObjectMapper mapper, JsonNode body) throws JsonProcessingException {
        ctx.contentType("application/json").result(mapper.writeValueAsBytes(body));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public int port() {
        return http.port();
    }

    /** The public base URL (JWT audiences are this plus the called path). */
    public String baseUrl() {
        return baseUrl;
    }

    public Auth auth() {
        return auth;
    }

    public CdsHooksService service() {
        return service;
    }

    /** Graceful: in-flight requests finish, then the server stops. Idempotent. */
    public void stop() {
        http.stop();
        LOG.info("CDS Hooks service stopped");
    }

    @Override
    public void close() {
        stop();
    }
}

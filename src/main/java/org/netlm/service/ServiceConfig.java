package org.netlm.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.netlm.io.JsonErrors;
import org.netlm.model.Therapy;

/**
 * The {@code serve --config FILE} file (JSON, or YAML when the name ends in {@code .yaml}/{@code .yml}); every
 * member optional, unknown members an error. docs/cds-hooks.md documents it. Checked when loaded: every problem
 * is listed at once ({@link BadConfigException}).
 *
 * @param host                 address to bind (default {@code 127.0.0.1}: loopback only)
 * @param baseUrl              the URL the EHR calls, without {@code /cds-services} (default {@code http://host:port});
 *                             a JWT's {@code aud} must be this base plus the called path
 * @param issuers              trusted CDS clients: {@code iss} and their JWK Set (file or https URL)
 * @param corsOrigins          origins allowed to call from a browser (e.g. the CDS Hooks sandbox)
 * @param maxRequestBytes      largest request body (default 5 MB)
 * @param idleTimeoutMillis    idle connection timeout (default 30 s)
 * @param stopTimeoutMillis    how long a stop waits for in-flight requests (default 10 s)
 * @param fhirTimeoutMillis    timeout of each call to the client's FHIR server (default 5 s)
 * @param maxFhirPages         most {@code Bundle.link[next]} pages followed per prefetch key (default 20)
 * @param maxFhirResponseBytes largest FHIR response read (default 5 MB)
 * @param maxTokenLifetimeSeconds a JWT valid longer than this ({@code exp - iat}) is refused (default 300 s)
 * @param clockSkewSeconds     tolerated clock difference (default 60 s)
 * @param replayCacheSize      most {@code jti}s remembered at once (default 100,000; full: new tokens refused)
 * @param tumourBoardFhirServer FHIR base URL of the tumour-board form's project observations (optional; default:
 *                             the client's {@code fhirServer} with its token)
 * @param orderProcedureCodes  site codes of ordered procedures for {@code order-sign} (TACE, ablation, resection
 *                             have no built-in FHIR codes): {@code {system, code, therapy}}
 */
public record ServiceConfig(
    String host,
    String baseUrl,
    List<Issuer> issuers,
    List<String> corsOrigins,
    Long maxRequestBytes,
    Long idleTimeoutMillis,
    Long stopTimeoutMillis,
    Long fhirTimeoutMillis,
    Integer maxFhirPages,
    Long maxFhirResponseBytes,
    Long maxTokenLifetimeSeconds,
    Long clockSkewSeconds,
    Integer replayCacheSize,
    String tumourBoardFhirServer,
    List<ProcedureCode> orderProcedureCodes) {

    /** A trusted CDS client: its {@code iss} and where its public keys are (exactly one of file and URL). */
    public record Issuer(@JsonProperty(required = true) String iss, String jwksFile, String jwksUrl) {
    }

    /** A site's code for an ordered procedure and the therapy it is. */
    public record ProcedureCode(String system, String code, Therapy therapy) {
    }

    /** A configuration file that cannot be used: every problem, one a line. */
    public static final class BadConfigException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        public BadConfigException(Path file, List<String> problems) {
            super("configuration " + file + ":\n" + String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public ServiceConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        maxRequestBytes = maxRequestBytes == null ? 5_000_000L : maxRequestBytes;
        idleTimeoutMillis = idleTimeoutMillis == null ? 30_000L : idleTimeoutMillis;
        stopTimeoutMillis = stopTimeoutMillis == null ? 10_000L : stopTimeoutMillis;
        fhirTimeoutMillis = fhirTimeoutMillis == null ? 5_000L : fhirTimeoutMillis;
        maxFhirPages = maxFhirPages == null ? 20 : maxFhirPages;
        maxFhirResponseBytes = maxFhirResponseBytes == null ? 5_000_000L : maxFhirResponseBytes;
        maxTokenLifetimeSeconds = maxTokenLifetimeSeconds == null ? 300L : maxTokenLifetimeSeconds;
        clockSkewSeconds = clockSkewSeconds == null ? 60L : clockSkewSeconds;
        replayCacheSize = replayCacheSize == null ? 100_000 : replayCacheSize;
        orderProcedureCodes = orderProcedureCodes == null ? List.of() : List.copyOf(orderProcedureCodes);
    }

    /** Every default: loopback, no issuers (so every token is refused unless auth is off). */
    public static ServiceConfig defaults() {
        return new ServiceConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A copy with {@code issuers} trusted (tests, embedders). */
    public ServiceConfig withIssuers(List<Issuer> trusted) {
        return new ServiceConfig(host, baseUrl, trusted, corsOrigins, maxRequestBytes, idleTimeoutMillis, stopTimeoutMillis,
            fhirTimeoutMillis, maxFhirPages, maxFhirResponseBytes, maxTokenLifetimeSeconds, clockSkewSeconds, replayCacheSize,
            tumourBoardFhirServer, orderProcedureCodes);
    }

    /** A copy with the public base URL set. */
    public ServiceConfig withBaseUrl(String url) {
        return new ServiceConfig(host, url, issuers, corsOrigins, maxRequestBytes, idleTimeoutMillis, stopTimeoutMillis,
            fhirTimeoutMillis, maxFhirPages, maxFhirResponseBytes, maxTokenLifetimeSeconds, clockSkewSeconds, replayCacheSize,
            tumourBoardFhirServer, orderProcedureCodes);
    }

    /** Reads and checks {@code file}; relative JWKS files are resolved against the file's folder. */
    public static ServiceConfig load(Path file) throws BadConfigException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new YAMLMapper() : new JsonMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        ServiceConfig c;
        try {
            c = mapper.readValue(Files.readAllBytes(file), ServiceConfig.class);
        } catch (JsonMappingException e) {
            throw new BadConfigException(file, List.of(path(e) + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid")));
        } catch (JsonProcessingException e) {
            throw new BadConfigException(file, List.of(JsonErrors.describe(e)));
        } catch (IOException e) {
            throw new BadConfigException(file, List.of("cannot read: " + e));
        }
        if (c == null) {
            throw new BadConfigException(file, List.of("empty file"));
        }
        Path dir = file.toAbsolutePath().getParent();
        List<Issuer> resolved = new ArrayList<>();
        for (Issuer i : c.issuers()) {
            resolved.add(i.jwksFile() == null ? i : new Issuer(i.iss(), dir.resolve(i.jwksFile()).toString(), i.jwksUrl()));
        }
        ServiceConfig out = c.withIssuers(resolved);
        List<String> problems = out.problems();
        if (!problems.isEmpty()) {
            throw new BadConfigException(file, problems);
        }
        return out;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    /** Every problem of this configuration ({@code member: reason}); empty when it is usable. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (baseUrl != null && !httpUrl(baseUrl)) {
            out.add("baseUrl: " + baseUrl + ": must be an http(s) URL");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < issuers.size(); i++) {
            Issuer is = issuers.get(i);
            String at = "issuers[" + i + "]";
            if (is.iss() == null || is.iss().isBlank()) {
                out.add(at + ".iss: required");
            } else if (!seen.add(is.iss())) {
                out.add(at + ".iss: " + is.iss() + ": listed twice");
            }
            if ((is.jwksFile() == null) == (is.jwksUrl() == null)) {
                out.add(at + ": give exactly one of jwksFile and jwksUrl");
            } else if (is.jwksFile() != null && !Files.isReadable(Path.of(is.jwksFile()))) {
                out.add(at + ".jwksFile: " + is.jwksFile() + ": not a readable file");
            } else if (is.jwksUrl() != null && !httpUrl(is.jwksUrl())) {
                out.add(at + ".jwksUrl: " + is.jwksUrl() + ": must be an http(s) URL");
            }
        }
        for (int i = 0; i < corsOrigins.size(); i++) {
            if (!httpUrl(corsOrigins.get(i))) {
                out.add("corsOrigins[" + i + "]: " + corsOrigins.get(i) + ": must be an origin such as https://sandbox.cds-hooks.org");
            }
        }
        positive(out, "maxRequestBytes", maxRequestBytes);
        positive(out, "idleTimeoutMillis", idleTimeoutMillis);
        positive(out, "stopTimeoutMillis", stopTimeoutMillis);
        positive(out, "fhirTimeoutMillis", fhirTimeoutMillis);
        positive(out, "maxFhirPages", maxFhirPages);
        positive(out, "maxFhirResponseBytes", maxFhirResponseBytes);
        positive(out, "maxTokenLifetimeSeconds", maxTokenLifetimeSeconds);
        positive(out, "replayCacheSize", replayCacheSize);
        if (clockSkewSeconds < 0) {
            out.add("clockSkewSeconds: " + clockSkewSeconds + ": must not be negative");
        }
        if (tumourBoardFhirServer != null && !httpUrl(tumourBoardFhirServer)) {
            out.add("tumourBoardFhirServer: " + tumourBoardFhirServer + ": must be an http(s) URL");
        }
        for (int i = 0; i < orderProcedureCodes.size(); i++) {
            ProcedureCode p = orderProcedureCodes.get(i);
            if (p.system() == null || p.code() == null || p.therapy() == null) {
                out.add("orderProcedureCodes[" + i + "]: system, code and therapy are required");
            }
        }
        return out;
    }

    private static void positive(List<String> out, String name, Number n) {
        if (n.longValue() <= 0) {
            out.add(name + ": " + n + ": must be positive");
        }
    }

    /** An absolute http(s) URL with a host. */
    static boolean httpUrl(String s) {
        try {
            URI u = new URI(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

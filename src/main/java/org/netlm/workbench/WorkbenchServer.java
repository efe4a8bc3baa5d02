package org.netlm.workbench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.netlm.engine.NetlmEngine;
import org.netlm.engine.RuleCompilationException;
import org.netlm.engine.RuleProblem;
import org.netlm.fhir.FhirMappingResult;
import org.netlm.fhir.FhirPatientMapper;
import org.netlm.http.ApiError;
import org.netlm.http.EmbeddedHttpServer;
import org.netlm.io.JsonErrors;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule workbench: one local page (HTML, CSS and JavaScript modules served from the jar, no build step, nothing
 * from elsewhere) and the small JSON API behind it, on the project's one embedded HTTP server
 * ({@link EmbeddedHttpServer}) with its one error shape ({@link ApiError}). See docs/workbench.md for the API.
 *
 * <p>Security: bound to loopback unless the caller binds elsewhere on purpose; requests must name this server in
 * their {@code Host} header (no DNS rebinding) and a changing request must come from the page's own origin; rule
 * files are served and written only from the rule folder's listing; no patient data is logged.
 */
public final class WorkbenchServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchServer.class);
    /** Classpath folder of the page's files. */
    static final String STATIC_ROOT = "/org/netlm/workbench/static/";
    private static final Pattern STATIC_NAME = Pattern.compile("[a-z0-9-]+\\.(js|css|svg|html)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
        "svg", "image/svg+xml", "html", "text/html; charset=utf-8");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Largest request body (a rule file, a pasted patient). */
    static final long MAX_REQUEST_BYTES = 2L * 1024 * 1024;
    /**
     * Reads request bodies: duplicate keys refused, nesting bounded, strings as long as a body (a pasted FHIR Bundle is
     * one string of the import request; the patient inside is read by the patient reader with its own limits).
     */
    private static final ObjectMapper REQUESTS = new ObjectMapper(JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength((int) MAX_REQUEST_BYTES).build())
        .build());
    /** The value of the impact request's {@code against} for the bundled rules. */
    static final String AGAINST_BUNDLED = "bundled";
    /** The value of {@code against} for the folder given with {@code --compare}. */
    static final String AGAINST_COMPARE = "compare";

    /**
     * How the workbench runs.
     *
     * @param rules        the rule folder to edit, or {@code null} for the bundled rules (read-only)
     * @param host         address to bind
     * @param port         port, 0 for a free one
     * @param scenarios    scenario files or folders run to find the scenarios that fire each rule
     * @param cohort       the impact panel's cohort (files or folders)
     * @param compare      another rule folder the impact panel can compare with, or {@code null}
     * @param pollInterval how often the rule folder is checked for changes
     * @param threads      worker threads of the impact comparison
     */
    public record Config(Path rules, String host, int port, List<Path> scenarios, List<Path> cohort, Path compare,
                         Duration pollInterval, int threads) {
        public Config {
            Objects.requireNonNull(host, "host");
            scenarios = List.copyOf(scenarios);
            cohort = List.copyOf(cohort);
            Objects.requireNonNull(pollInterval, "pollInterval");
        }
    }

    private final EmbeddedHttpServer http;
    private final RuleWorkspace workspace;

    private WorkbenchServer(EmbeddedHttpServer http, RuleWorkspace workspace) {
        this.http = http;
        this.workspace = workspace;
    }

    /**
     * Loads the rules, runs the scenario suite and starts serving.
     *
     * @throws IOException when the rule folder cannot be read
     */
    public static WorkbenchServer start(Config config) throws IOException {
        RuleWorkspace workspace = RuleWorkspace.open(config.rules(), config.pollInterval());
        try {
            Api api = new Api(config, workspace);
            ObjectMapper mapper = PatientJson.sharedMapper();
            AtomicReference<Set<String>> hosts = new AtomicReference<>(Set.of());
            EmbeddedHttpServer.Settings settings = new EmbeddedHttpServer.Settings(config.host(), config.port(), MAX_REQUEST_BYTES,
                Duration.ofMinutes(5), Duration.ofSeconds(5), List.of());
            EmbeddedHttpServer http = EmbeddedHttpServer.start(settings, mapper, r -> {
                r.before(ctx -> guard(ctx, hosts.get()));
                r.get("/", ctx -> page(ctx, "index.html"));
                r.get("/static/{name}", ctx -> page(ctx, ctx.pathParam("name")));
                r.get("/api/info", ctx -> json(ctx, api.info()));
                r.get("/api/patient-fields", ctx -> json(ctx, PatientFields.toJson()));
                r.get("/api/examples", ctx -> json(ctx, api.examples()));
                r.post("/api/assess", ctx -> json(ctx, api.assess(jsonBody(ctx))));
                r.post("/api/patient/import", ctx -> json(ctx, api.importPatient(jsonBody(ctx))));
                r.post("/api/scenario", ctx -> json(ctx, api.scenario(jsonBody(ctx))));
                r.get("/api/rules", ctx -> json(ctx, WorkbenchJson.rules(workspace)));
                r.get("/api/rules/file", ctx -> json(ctx, api.readFile(ctx.queryParam("path"))));
                r.put("/api/rules/file", ctx -> json(ctx, api.writeFile(ctx.queryParam("path"), textBody(ctx))));
                r.get("/api/catalog", ctx -> json(ctx, api.catalog()));
                r.post("/api/impact", ctx -> json(ctx, api.impact(jsonBody(ctx))));
            });
            hosts.set(allowedHosts(config.host(), http.port()));
            LOG.info("NETLM workbench on {}/ (rules: {})", http.baseUrl(), workspace.sourceName());
            return new WorkbenchServer(http, workspace);
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    /** The {@code Host} values this server answers to: the bound address, and the loopback names when bound there. */
    static Set<String> allowedHosts(String host, int port) {
        Set<String> out = new HashSet<>();
        String h = host.contains(":") ? "[" + host + "]" : host;
        out.add(h + ":" + port);
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (loopback || "0.0.0.0".equals(host) || "::".equals(host)) {
            out.add("127.0.0.1:" + port);
            out.add("localhost:" + port);
            out.add("[::1]:" + port);
        }
        return out;
    }

    /**
     * Refuses a request that names another host (a DNS-rebinding page) and a changing request from another origin
     * (a page elsewhere posting to the workbench); every response gets the page's security headers.
     */
    private static void guard(Context ctx, Set<String> hosts) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        String host = ctx.header("Host");
        boolean anyHost = hosts.stream().anyMatch(h -> h.startsWith("0.0.0.0:") || h.startsWith("[::]:"));
        if (!anyHost && (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT)))) {
            throw ApiError.of(403, "FORBIDDEN_HOST", "This workbench answers only to its own address.").failure();
        }
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            String origin = ctx.header("Origin");
            if (origin != null && (host == null || !origin.equals("http://" + host))) {
                throw ApiError.of(403, "FORBIDDEN_ORIGIN", "Changes are accepted only from the workbench page itself.").failure();
            }
        }
    }

    private static void page(Context ctx, String name) throws IOException {
        if (!STATIC_NAME.matcher(name).matches()) {
            throw ApiError.of(404, "NOT_FOUND", "No such page file.").failure();
        }
        try (InputStream in = WorkbenchServer.class.getResourceAsStream(STATIC_ROOT + name)) {
            if (in == null) {
                throw ApiError.of(404, "NOT_FOUND", "No such page file.").failure();
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            ctx.header("Content-Security-Policy", CSP);
            ctx.contentType(TYPES.get(ext)).result(in.readAllBytes());
        }
    }

    private static void json(Context ctx, JsonNode body) throws JsonProcessingException {
        ctx.contentType("application/json").result(PatientJson.sharedMapper().writeValueAsBytes(body));
    }

    /** The request body as JSON (a changing request must say it sends JSON, which a cross-site form cannot). */
    private static JsonNode jsonBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ApiError.of(415, "UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json.").failure();
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiError.of(400, "MALFORMED_JSON", "The request has no body.").failure();
        }
        try {
            return REQUESTS.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "MALFORMED_JSON", "The request body is not valid JSON.",
                List.of(new ApiError.Problem(null, JsonErrors.describe(e)))).failure();
        } catch (IOException e) {
            throw ApiError.of(400, "MALFORMED_JSON", "The request body could not be read.").failure();
        }
    }

    private static String textBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
            throw ApiError.of(415, "UNSUPPORTED_MEDIA_TYPE", "Send the file as text/plain.").failure();
        }
        return new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    }

    /** The page's address: {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return http.baseUrl() + "/";
    }

    public int port() {
        return http.port();
    }

    public RuleWorkspace workspace() {
        return workspace;
    }

    /** Stops serving (in-flight requests finish) and stops watching the folder. Idempotent. */
    public void stop() {
        http.stop();
        workspace.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** The API's handlers (everything but HTTP). */
    static final class Api {
        private final Config config;
        private final RuleWorkspace workspace;
        private final ImpactRunner impact;
        private final List<Examples.Example> examples = Examples.load();
        private volatile ScenarioCoverage coverage;
        private volatile NetlmEngine coverageEngine;
        private volatile NetlmEngine bundled;
        private volatile FhirPatientMapper fhirMapper;

        Api(Config config, RuleWorkspace workspace) {
            this.config = config;
            this.workspace = workspace;
            this.impact = new ImpactRunner(config.cohort(), config.threads());
            workspace.onChange(this::coverage);
            coverage();
        }

        /** The scenario suite's coverage for the engine in use (run again when the engine changes). */
        private synchronized ScenarioCoverage coverage() {
            NetlmEngine engine = workspace.current().engine();
            if (engine != null && engine != coverageEngine) {
                coverage = ScenarioCoverage.run(engine, config.scenarios(),
                    config.scenarios().stream().map(Path::toString).collect(Collectors.joining(", ")));
                coverageEngine = engine;
            }
            return coverage;
        }

        ObjectNode info() {
            ObjectNode o = PatientJson.sharedMapper().createObjectNode();
            o.put("title", "NETLM rule workbench");
            o.put("disclaimer", Assessment.DISCLAIMER);
            o.put("rules", workspace.sourceName());
            o.put("editable", workspace.editable());
            o.put("cohort", impact.cohortAvailable() ? impact.cohort().stream().map(Path::toString)
                .collect(Collectors.joining(", ")) : null);
            ArrayNode against = o.putArray("compareWith");
            against.addObject().put("key", AGAINST_BUNDLED).put("label", "the bundled rules");
            if (config.compare() != null) {
                against.addObject().put("key", AGAINST_COMPARE).put("label", config.compare().toString());
            }
            ArrayNode formats = o.putArray("importFormats");
            formats.add("json");
            formats.add("fhir");
            return o;
        }

        ArrayNode examples() {
            ArrayNode list = PatientJson.sharedMapper().createArrayNode();
            for (Examples.Example e : examples) {
                list.addObject().put("key", e.key()).put("name", e.name()).set("patient", e.patient());
            }
            return list;
        }

        private NetlmEngine engine() {
            NetlmEngine engine = workspace.current().engine();
            if (engine == null) {
                throw new ApiError(409, "RULES_BROKEN", "No version of the rule folder has compiled yet: fix the problems in the Rules panel.",
                    problems(workspace.current().problems())).failure();
            }
            return engine;
        }

        /** {@code {assessment, rules}}, or 422 with every violation of the patient. */
        ObjectNode assess(JsonNode patientJson) {
            RuleWorkspace.Snapshot rules = workspace.current();
            PatientCase patient = patient(patientJson);
            Assessment a = engine().assess(patient);
            ObjectNode o = PatientJson.sharedMapper().createObjectNode();
            o.set("assessment", WorkbenchJson.assessment(a));
            o.set("rules", WorkbenchJson.rulesInUse(rules));
            return o;
        }

        private static PatientCase patient(JsonNode json) {
            try {
                return PatientJson.fromTree(json);
            } catch (InvalidPatientException e) {
                throw invalid(e.getViolations());
            }
        }

        private static ApiError.Failure invalid(List<Violation> violations) {
            return new ApiError(422, "INVALID_PATIENT", "The patient is not valid: " + violations.size() + " problem"
                + (violations.size() == 1 ? "" : "s") + ".",
                violations.stream().map(v -> new ApiError.Problem(v.field(), v.resource() == null ? v.reason()
                    : v.reason() + " [" + v.resource() + "]")).toList()).failure();
        }

        /**
         * {@code {format, text}} to {@code {patient}}: pasted patient JSON, checked field by field, or a FHIR R4 Bundle
         * mapped by {@link FhirPatientMapper} (fhir-mapping.md), with its mapping report's summary lines. Either way the
         * page receives patient JSON ({@link PatientJson#toTree}) and fills the form with it.
         */
        ObjectNode importPatient(JsonNode body) {
            String format = body.path("format").asText("json");
            String text = body.path("text").asText("");
            ObjectNode o = PatientJson.sharedMapper().createObjectNode();
            PatientCase p;
            try {
                if ("fhir".equals(format)) {
                    FhirMappingResult mapped = fhir().map(text);
                    p = mapped.patientCase();
                    mapped.report().summaryLines().forEach(o.putArray("mapping")::add);
                } else if ("json".equals(format)) {
                    p = PatientJson.parse(text);
                } else {
                    throw new ApiError(400, "BAD_REQUEST", "Unknown import format.",
                        List.of(new ApiError.Problem("format", "must be json or fhir"))).failure();
                }
            } catch (InvalidPatientException e) {
                throw invalid(e.getViolations());
            }
            o.set("patient", PatientJson.toTree(p));
            return o;
        }

        private FhirPatientMapper fhir() {
            FhirPatientMapper m = fhirMapper;
            if (m == null) {
                m = FhirPatientMapper.withDefaults();
                fhirMapper = m;
            }
            return m;
        }

        /** {@code {name, patient}} to a scenario file whose expectations are the current output. */
        ObjectNode scenario(JsonNode body) {
            JsonNode patient = body.get("patient");
            if (patient == null || !patient.isObject()) {
                throw new ApiError(400, "BAD_REQUEST", "Send {\"name\": …, \"patient\": {…}}.",
                    List.of(new ApiError.Problem("patient", "must be an object"))).failure();
            }
            String name = body.path("name").asText("").isBlank() ? "What-if " + patient.path("id").asText("patient")
                : body.get("name").asText();
            try {
                PatientCase p = PatientJson.fromTree(patient);
                return WorkbenchJson.scenario(name, patient, engine().assess(p));
            } catch (InvalidPatientException e) {
                return WorkbenchJson.invalidScenario(name, patient, e.getViolations());
            }
        }

        ObjectNode readFile(String path) {
            try {
                ObjectNode o = PatientJson.sharedMapper().createObjectNode();
                o.put("path", path);
                o.put("content", workspace.read(path == null ? "" : path));
                o.put("editable", workspace.editable());
                return o;
            } catch (RuleWorkspace.NotARuleFile e) {
                throw notARuleFile(e);
            }
        }

        ObjectNode writeFile(String path, String content) throws IOException {
            try {
                workspace.write(path == null ? "" : path, content);
                return WorkbenchJson.rules(workspace);
            } catch (RuleWorkspace.NotARuleFile e) {
                throw notARuleFile(e);
            }
        }

        private static ApiError.Failure notARuleFile(RuleWorkspace.NotARuleFile e) {
            return new ApiError(404, "NOT_A_RULE_FILE", "Only the rule folder's own files can be read or written.",
                List.of(new ApiError.Problem("path", e.getMessage()))).failure();
        }

        ObjectNode catalog() {
            NetlmEngine engine = engine();
            ScenarioCoverage c = coverage();
            return WorkbenchJson.catalog(engine, c != null && coverageEngine == engine ? c : null);
        }

        /** {@code {against}}: the rules being edited (after) against the bundled rules or the --compare folder (before). */
        ObjectNode impact(JsonNode body) throws IOException {
            if (!impact.cohortAvailable()) {
                throw ApiError.of(409, "NO_COHORT", "No cohort to compare on: start the workbench with --cohort FILE… "
                    + "(e.g. examples/cohort of the repository).").failure();
            }
            String against = body.path("against").asText(AGAINST_BUNDLED);
            NetlmEngine before;
            if (AGAINST_BUNDLED.equals(against)) {
                before = bundled();
            } else if (AGAINST_COMPARE.equals(against) && config.compare() != null) {
                try {
                    before = NetlmEngine.fromDirectory(config.compare());
                } catch (RuleCompilationException e) {
                    throw new ApiError(409, "RULES_BROKEN", "The comparison folder does not compile.", problems(e.getProblems())).failure();
                }
            } else {
                throw new ApiError(400, "BAD_REQUEST", "Unknown rule set to compare with.",
                    List.of(new ApiError.Problem("against", config.compare() == null ? "must be bundled" : "must be bundled or compare")))
                    .failure();
            }
            RuleWorkspace.Snapshot rules = workspace.current();
            if (rules.state() != RuleWorkspace.State.OK) {
                throw new ApiError(409, "RULES_BROKEN", "The rule folder has problems: fix them before comparing.",
                    problems(rules.problems())).failure();
            }
            try {
                ObjectNode o = impact.run(before, rules.engine());
                o.set("rules", WorkbenchJson.rulesInUse(rules));
                return o;
            } catch (ImpactRunner.Busy e) {
                throw ApiError.of(409, "BUSY", "A comparison is already running.").failure();
            }
        }

        private NetlmEngine bundled() {
            NetlmEngine b = bundled;
            if (b == null) {
                b = NetlmEngine.withDefaultRules();
                bundled = b;
            }
            return b;
        }

        private static List<ApiError.Problem> problems(List<RuleProblem> problems) {
            return problems.stream().map(p -> new ApiError.Problem(p.file() + ":" + p.line(), p.message())).toList();
        }
    }
}

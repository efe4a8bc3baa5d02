package org.netlm.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.JsonParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.netlm.validation.Violation;

/**
 * FHIR R4 Bundle (mCODE profiles, project observations) to {@link org.netlm.model.PatientCase} plus a
 * {@link MappingReport}, by the normative mapping fhir-mapping.md with the codes of fhir-codes.json (loaded from the
 * classpath, never copied into code) and, optionally, a site's mapping file.
 *
 * <pre>{@code
 * FhirPatientMapper mapper = FhirPatientMapper.withDefaults();
 * FhirMappingResult m = mapper.map(bundleJson);                          // as-of date from Bundle.timestamp
 * FhirMappingResult t = mapper.map(bundleJson, LocalDate.of(2026, 9, 1)); // explicit as-of date
 * engine.assess(m.patientCase());  m.report().toJson();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the HAPI {@link FhirContext} is created once per JVM ({@link FhirContext#forR4Cached()})
 * and each call gets its own parser. A Bundle that cannot be assessed raises {@link FhirMappingException} (an
 * {@link org.netlm.validation.InvalidPatientException}) with every violation, each naming the field and the resource,
 * and the report. The mapped patient goes through the same validation as patient JSON.
 */
public final class FhirPatientMapper {
    private static final String DOCUMENT = "(document)";

    private final FhirCodes codes;
    private final String site;

    private FhirPatientMapper(FhirCodes codes, String site) {
        this.codes = codes;
        this.site = site;
    }

    /** The built-in codes only. */
    public static FhirPatientMapper withDefaults() {
        return new FhirPatientMapper(FhirCodes.builtIn(), null);
    }

    /**
     * The built-in codes plus a site's mapping file (§6), checked once here.
     *
     * @throws MappingFileException listing every problem of the file with its JSON path
     */
    public static FhirPatientMapper withMappingFile(Path mappingFile) {
        MappingFile m = MappingFile.load(mappingFile, FhirCodes.builtIn());
        return new FhirPatientMapper(m.codes(), m.site() != null ? m.site() : mappingFile.getFileName().toString());
    }

    /** The site name of the mapping file in use, or {@code null} for the built-in codes. */
    public String site() {
        return site;
    }

    /**
     * Builds now what the first mapping would otherwise build (a server calls this at start, off the first request's
     * time): the shared HAPI context with the definitions of every resource type a Bundle is read for, its JSON parser,
     * and the mapping classes, by mapping one small Bundle. Idempotent; thread-safe.
     */
    public static void warmUp() {
        FhirContext ctx = context();
        for (String type : List.of("Bundle", "Patient", "Condition", "Observation", "MedicationStatement", "MedicationRequest",
                "MedicationAdministration", "Medication", "Procedure", "DiagnosticReport", "BodyStructure", "OperationOutcome")) {
            ctx.getResourceDefinition(type);
        }
        try {
            withDefaults().map("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Patient\",\"id\":\"warm-up\",\"birthDate\":\"1960-01-01\"}}]}", LocalDate.of(2026, 1, 1));
        } catch (FhirMappingException expected) {
            // no tumour: not assessable, as intended; the parser and the mapping ran
        }
    }

    /** The shared HAPI context (R4). */
    static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    /**
     * A JSON parser set up as fhir-mapping.md 2.11 requires (lenient, resource ids kept as written), reporting to
     * {@code issues} what it could not read. Callers of {@link #map(Bundle)} should parse with it too.
     */
    public static IParser newParser() {
        return newParser(new Issues());
    }

    private static IParser newParser(Issues issues) {
        IParser p = context().newJsonParser();
        p.setOverrideResourceIdWithBundleEntryFullUrl(false);
        p.setParserErrorHandler(issues);
        return p;
    }

    /** Maps FHIR JSON text holding one Bundle; the as-of date is Bundle.timestamp's date, else today (UTC). */
    public FhirMappingResult map(String bundleJson) {
        return map(bundleJson, null);
    }

    /** Maps FHIR JSON text holding one Bundle as of {@code asOf} ({@code null}: from the Bundle). */
    public FhirMappingResult map(String bundleJson, LocalDate asOf) {
        Objects.requireNonNull(bundleJson, "bundleJson");
        return parseAndMap(p -> p.parseResource(bundleJson), asOf);
    }

    /**
     * Maps one Bundle already read as a Jackson tree, as of {@code asOf} ({@code null}: from the Bundle), without
     * writing it out as text for HAPI to read again (what a service that has parsed the request saves). Read the tree
     * as HAPI reads text, with decimals as {@link java.math.BigDecimal}
     * ({@code DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS}), to map exactly what {@link #map(String, LocalDate)}
     * maps for the same text. The tree is read, not changed.
     */
    public FhirMappingResult map(ObjectNode bundleJson, LocalDate asOf) {
        Objects.requireNonNull(bundleJson, "bundleJson");
        JacksonStructure tree = new JacksonStructure();
        tree.setNativeObject(bundleJson);
        // JsonParser.parseResource(JsonLikeStructure) sets entry ids from fullUrl whatever the parser says (2.11 keeps
        // them as written); doParseResource is the step the text path takes after reading the text into this tree.
        return parseAndMap(p -> ((JsonParser) p).doParseResource(null, tree), asOf);
    }

    private FhirMappingResult parseAndMap(Function<IParser, IBaseResource> parse, LocalDate asOf) {
        Issues issues = new Issues();
        IBaseResource parsed;
        try {
            parsed = parse.apply(newParser(issues));
        } catch (DataFormatException | IllegalArgumentException | IllegalStateException e) {
            throw refused(new Violation(DOCUMENT, null, "not FHIR JSON: " + hapiMessage(e)));
        }
        if (!(parsed instanceof Bundle bundle)) {
            throw refused(new Violation(DOCUMENT, parsed.fhirType(), "not a Bundle: the input must be one R4 Bundle about one patient"));
        }
        return map(bundle, asOf, issues);
    }

    /** Maps a HAPI Bundle (parse it with {@link #newParser()}); as-of from Bundle.timestamp. */
    public FhirMappingResult map(Bundle bundle) {
        return map(bundle, null);
    }

    /** Maps a HAPI Bundle as of {@code asOf} ({@code null}: from the Bundle). */
    public FhirMappingResult map(Bundle bundle, LocalDate asOf) {
        return map(Objects.requireNonNull(bundle, "bundle"), asOf, new Issues());
    }

    private FhirMappingResult map(Bundle bundle, LocalDate asOf, Issues issues) {
        return new BundleMapping(codes, site, bundle, asOf, issues.lines, issues.malformedDecimal).run();
    }

    private static FhirMappingException refused(Violation v) {
        MappingReport r = new MappingReport(FhirCodes.builtIn().version(), null, null, null, Map.of(), Map.of(), Map.of(),
            List.of(), List.of(), List.of(), List.of(), List.of(v), List.of());
        return new FhirMappingException(null, List.of(v), r);
    }

    /** HAPI's message without its {@code HAPI-1234:} codes. */
    static String hapiMessage(Exception e) {
        String m = String.valueOf(e.getMessage()).replaceAll("HAPI-\\d+: ", "");
        return m.length() > 200 ? m.substring(0, 197) + "…" : m;
    }

    /**
     * A lenient handler (an element that does not parse counts as absent, 2.1) that keeps what it saw: the report
     * lists it, and a decimal that is not a number makes its Observation MALFORMED.
     */
    static final class Issues extends LenientErrorHandler {
        final List<String> lines = new ArrayList<>();
        boolean malformedDecimal;

        Issues() {
            super(false);
            setErrorOnInvalidValue(false);
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            String element = location == null ? "?" : location.getParentElementName();
            if ("value".equals(element)) {
                malformedDecimal = true;
            }
            lines.add(element + ": invalid value " + shorten(value) + ": " + shorten(error));
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String element, ValueType expected, ScalarType expectedScalar,
                                      ValueType found, ScalarType foundScalar) {
            lines.add(element + ": " + LenientErrorHandler.createIncorrectJsonTypeMessage(element, expected, expectedScalar, found, foundScalar));
        }

        @Override
        public void unknownElement(IParseLocation location, String element) {
            lines.add(element + ": unknown element (not read)");
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String element) {
            lines.add(element + ": repeated where R4 allows one (not read)");
        }

        private static String shorten(String s) {
            return s == null ? "null" : s.length() > 80 ? s.substring(0, 77) + "…" : s;
        }
    }
}

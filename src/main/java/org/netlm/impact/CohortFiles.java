package org.netlm.impact;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.netlm.io.LineParser;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientJson;
import org.netlm.io.PatientReader;
import org.netlm.io.PatientSource;
import org.netlm.model.PatientCase;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.validation.InvalidPatientException;

/**
 * The files of a cohort and what each holds. The files are taken in a fixed order: as given, a folder's
 * {@code *.json} and {@code *.ndjson} files sorted by path. A file is read as what it holds:
 * <ul>
 *   <li>{@link Kind#NDJSON} ({@code *.ndjson}): one patient a line, assessed on the batch pipeline, in parallel;</li>
 *   <li>{@link Kind#PATIENTS}: a JSON document with one patient or an array of them (at most
 *       {@link PatientJson#MAX_DOCUMENT_LENGTH} characters, so it is small);</li>
 *   <li>{@link Kind#SCENARIOS} (objects with {@code "patient"} and {@code "expect"}): each scenario's patient; a
 *       scenario that expects its patient to be rejected ({@code "invalid"}) is skipped, as it tests the validation,
 *       not the rules.</li>
 *   <li>{@link Kind#BUNDLES} (a FHIR Bundle, {@code "resourceType": "Bundle"}): read through the {@link Format}'s FHIR
 *       source (one Bundle, or NDJSON of them); only with {@link Format#fhir FHIR input}.</li>
 *   <li>{@link Kind#MAPPING} (a site's FHIR code mapping, {@code "netlmFhirMapping"}): no patients; left out of a
 *       folder (it sits beside the Bundles it maps), refused when named, saying which option reads it.</li>
 * </ul>
 * With FHIR input ({@code --input-format fhir}) the lines of an NDJSON file are FHIR Bundles, mapped by the same
 * {@link LineParser} as {@code batch --input-format fhir}.
 */
public final class CohortFiles {
    /** What a cohort file holds. */
    public enum Kind {
        NDJSON, PATIENTS, SCENARIOS, BUNDLES, MAPPING
    }

    /** Opens a FHIR file (one Bundle, or NDJSON of Bundles) as patients with their mapping reports. */
    @FunctionalInterface
    public interface BundleSource {
        PatientSource open(Path file) throws IOException;
    }

    /**
     * How the cohort's patients are written: patient JSON ({@link #JSON}), or FHIR Bundles ({@link #fhir}: the lines of
     * an NDJSON file through {@code lines}, a {@code .json} Bundle through {@code bundles}).
     */
    public record Format(LineParser lines, BundleSource bundles) {
        /** Patient JSON and scenario files. */
        public static final Format JSON = new Format(PatientReader::parseLine, null);

        public Format {
            Objects.requireNonNull(lines, "lines");
        }

        /** FHIR Bundles, mapped as {@code evaluate}/{@code batch --input-format fhir} map them. */
        public static Format fhir(LineParser lines, BundleSource bundles) {
            return new Format(lines, Objects.requireNonNull(bundles, "bundles"));
        }

        public boolean isFhir() {
            return bundles != null;
        }
    }

    private CohortFiles() {
    }

    /**
     * The files the cohort is read from, in reading order.
     *
     * @throws NoSuchFileException when a path does not exist
     * @throws IOException         when a folder cannot be listed
     */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.filter(f -> Files.isRegularFile(f) && (isNdjson(f) || f.toString().endsWith(".json"))).sorted().toList()) {
                        if (kind(f) != Kind.MAPPING) {
                            out.add(f);
                        }
                    }
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new NoSuchFileException(p.toString());
            }
        }
        return out;
    }

    /**
     * {@link Kind#NDJSON} by the name {@code *.ndjson}; else scenarios when the first object has a "patient" or "expect"
     * key, a Bundle when it has {@code "resourceType": "Bundle"}, a site's code mapping when it has
     * {@code "netlmFhirMapping"}.
     */
    public static Kind kind(Path file) throws IOException {
        if (isNdjson(file)) {
            return Kind.NDJSON;
        }
        try (InputStream in = Files.newInputStream(file);
             JsonParser p = PatientJson.sharedMapper().getFactory().createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                t = p.nextToken();
            }
            if (t != JsonToken.START_OBJECT) {
                return Kind.PATIENTS;
            }
            for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                if ("patient".equals(name) || "expect".equals(name)) {
                    return Kind.SCENARIOS;
                }
                if ("netlmFhirMapping".equals(name)) {
                    return Kind.MAPPING;
                }
                if (p.nextToken() == JsonToken.VALUE_STRING && "resourceType".equals(name) && "Bundle".equals(p.getText())) {
                    return Kind.BUNDLES;
                }
                p.skipChildren();
            }
            return Kind.PATIENTS;
        } catch (JsonProcessingException e) {
            return Kind.PATIENTS; // the patient reader reports the broken JSON with its line
        }
    }

    /**
     * A file that is not NDJSON, read whole: its patients (valid or with their violations) and how many scenario
     * patients were skipped.
     *
     * @throws IOException when the file cannot be read or a scenario file is broken
     */
    public static Read read(Path file) throws IOException {
        return read(file, Format.JSON);
    }

    /**
     * {@link #read(Path)} in a format: with FHIR input a Bundle file is mapped; with patient JSON it is refused
     * (saying which option reads it).
     *
     * @throws IOException when the file cannot be read, a scenario file is broken, or a Bundle comes without FHIR input
     */
    public static Read read(Path file, Format format) throws IOException {
        List<PatientInput> out = new ArrayList<>();
        Kind kind = kind(file);
        if (kind == Kind.MAPPING) {
            throw new IOException(file + ": holds a site's FHIR code mapping, not patients: pass it with --fhir-mapping");
        }
        if (kind == Kind.BUNDLES) {
            if (!format.isFhir()) {
                throw new IOException(file + ": holds a FHIR Bundle: read it with --input-format fhir");
            }
            try (PatientSource source = format.bundles().open(file)) {
                for (PatientInput in = source.next(); in != null; in = source.next()) {
                    out.add(in);
                }
            }
            return new Read(out, 0);
        }
        if (kind != Kind.SCENARIOS) {
            out.addAll(PatientReader.readAll(file));
            return new Read(out, 0);
        }
        List<Scenario> scenarios;
        try {
            scenarios = ScenarioFiles.loadFile(file);
        } catch (ScenarioFiles.BadScenarioException e) {
            throw new IOException(e.getMessage(), e);
        }
        int skipped = 0;
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            if (s.expect().invalid() != null) {
                skipped++;
                continue;
            }
            out.add(scenarioPatient(s, file.toString(), scenarios.size() > 1 ? i : -1));
        }
        return new Read(out, skipped);
    }

    /** The patients of a file read whole, and the scenario patients skipped. */
    public record Read(List<PatientInput> patients, int skipped) {
        public Read {
            patients = List.copyOf(patients);
        }
    }

    /** The scenario's patient, located by its file and (in an array of scenarios) its element. */
    private static PatientInput scenarioPatient(Scenario s, String file, int index) {
        try {
            PatientCase p = PatientJson.fromTree(s.patient());
            return new PatientInput(file, 1, index, p.getId(), p, List.of());
        } catch (InvalidPatientException e) {
            return new PatientInput(file, 1, index, e.getPatientId(), null, e.getViolations());
        }
    }

    private static boolean isNdjson(Path f) {
        return f.toString().endsWith(".ndjson");
    }
}

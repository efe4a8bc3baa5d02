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
import java.util.stream.Stream;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientJson;
import org.netlm.io.PatientReader;
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
 * </ul>
 * FHIR Bundles are the one more kind to add here, once the fhir room maps a Bundle to a {@link PatientCase}: detect
 * them in {@link #kind(Path)} and read them in {@link #read(Path)}; the rest of impact does not change.
 */
public final class CohortFiles {
    /** What a cohort file holds. */
    public enum Kind {
        NDJSON, PATIENTS, SCENARIOS
        // FHIR: add BUNDLES here (detected by "resourceType": "Bundle" in kind()) and read them in read()
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
                    walk.filter(f -> Files.isRegularFile(f) && (isNdjson(f) || f.toString().endsWith(".json"))).sorted().forEach(out::add);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new NoSuchFileException(p.toString());
            }
        }
        return out;
    }

    /** {@link Kind#NDJSON} by the name {@code *.ndjson}; else scenarios when the first object has a "patient" or "expect" key. */
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
                p.nextToken();
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
        List<PatientInput> out = new ArrayList<>();
        if (kind(file) != Kind.SCENARIOS) {
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

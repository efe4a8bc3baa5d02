package org.netlm.impact;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
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
 * A cohort read from files and folders, patient by patient, in a fixed order (the files as given; a folder's
 * {@code *.json} and {@code *.ndjson} files sorted by path). A file is read as what it holds:
 * <ul>
 *   <li>patients: one object, an array or NDJSON ({@link PatientReader});</li>
 *   <li>scenarios (objects with {@code "patient"} and {@code "expect"}): each scenario's patient; a scenario that
 *       expects its patient to be rejected ({@code "invalid"}) is skipped, as it tests the validation, not the rules.</li>
 * </ul>
 * FHIR Bundles are the one more kind to add here ({@link Kind}), once the fhir room maps a Bundle to a
 * {@link PatientCase}: the rest of impact does not change.
 */
public final class CohortFiles implements CohortPipeline.Source<PatientInput>, Closeable {
    /** What a cohort file holds. */
    public enum Kind {
        PATIENTS, SCENARIOS
        // FHIR: add BUNDLES here (detected by "resourceType": "Bundle" in detect()) and read them in open()
    }

    private final Deque<Path> files;
    private PatientReader patients;
    private Iterator<PatientInput> scenarioPatients;
    private long skipped;

    private CohortFiles(Deque<Path> files) {
        this.files = files;
    }

    /**
     * The cohort in {@code paths}.
     *
     * @throws IOException when a path does not exist or a folder cannot be listed
     */
    public static CohortFiles open(List<Path> paths) throws IOException {
        return new CohortFiles(new ArrayDeque<>(files(paths)));
    }

    /** The files the cohort is read from, in reading order. */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".json") || f.toString().endsWith(".ndjson")))
                        .sorted().forEach(out::add);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new NoSuchFileException(p.toString());
            }
        }
        return out;
    }

    /** Scenario patients that were skipped because the scenario expects them to be rejected. */
    public long skipped() {
        return skipped;
    }

    @Override
    public PatientInput next() throws IOException {
        while (true) {
            if (patients != null) {
                PatientInput p = patients.next();
                if (p != null) {
                    return p;
                }
                patients.close();
                patients = null;
            }
            if (scenarioPatients != null) {
                if (scenarioPatients.hasNext()) {
                    return scenarioPatients.next();
                }
                scenarioPatients = null;
            }
            Path next = files.pollFirst();
            if (next == null) {
                return null;
            }
            open(next);
        }
    }

    private void open(Path file) throws IOException {
        if (detect(file) == Kind.SCENARIOS) {
            List<PatientInput> out = new ArrayList<>();
            List<Scenario> scenarios;
            try {
                scenarios = ScenarioFiles.loadFile(file);
            } catch (ScenarioFiles.BadScenarioException e) {
                throw new IOException(e.getMessage(), e);
            }
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario s = scenarios.get(i);
                if (s.expect().invalid() != null) {
                    skipped++;
                    continue;
                }
                out.add(scenarioPatient(s, file.toString(), scenarios.size() > 1 ? i : -1));
            }
            scenarioPatients = out.iterator();
        } else {
            patients = PatientReader.open(file);
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

    /** Scenarios when the first object of the file has a "patient" or "expect" key, else patients. */
    static Kind detect(Path file) throws IOException {
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Kind.PATIENTS; // the patient reader reports the broken JSON with its line
        }
    }

    @Override
    public void close() throws IOException {
        if (patients != null) {
            patients.close();
        }
    }
}

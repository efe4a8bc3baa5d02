package org.netlm.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.netlm.catalog.RuleSource;
import org.netlm.io.PatientJson;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;

/**
 * The example patients the what-if panel can start from, shipped in the jar (the build copies {@code examples/*.json}
 * and the example scenarios {@code src/test/resources/scenarios/examples} under {@value #ROOT}): each example's name
 * and its patient JSON as written.
 */
public final class Examples {
    /** Classpath folder of the shipped examples. */
    public static final String ROOT = "org/netlm/workbench/examples";

    /**
     * One example.
     *
     * @param key     stable key ({@code patients/progressive-pancreatic-g2.json}, {@code scenarios/04-….json})
     * @param name    what it shows (the scenario's name, or the patient's id and file)
     * @param patient the patient JSON
     */
    public record Example(String key, String name, JsonNode patient) {
    }

    private Examples() {
    }

    /** The shipped examples: the example patients first, then the example scenarios, each sorted by file. */
    public static List<Example> load() {
        List<Example> out = new ArrayList<>();
        for (Path file : files("patients")) {
            String key = "patients/" + file.getFileName();
            try {
                JsonNode patient = PatientJson.sharedMapper().readTree(Files.readString(file));
                out.add(new Example(key, patient.path("id").asText(key) + " (" + file.getFileName() + ")", patient));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shipped example " + key, e);
            }
        }
        for (Path file : files("scenarios")) {
            try {
                List<Scenario> scenarios = ScenarioFiles.loadFile(file);
                for (int i = 0; i < scenarios.size(); i++) {
                    Scenario s = scenarios.get(i);
                    if (s.expect().invalid() == null) {
                        String key = "scenarios/" + file.getFileName() + (scenarios.size() > 1 ? "[" + i + "]" : "");
                        out.add(new Example(key, s.name(), s.patient()));
                    }
                }
            } catch (ScenarioFiles.BadScenarioException e) {
                throw new IllegalStateException("a shipped example scenario cannot be read: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The {@code .json} files of one folder of the shipped examples, sorted (none when the folder is absent). */
    private static List<Path> files(String folder) {
        Path dir = classpathFolder(ROOT + "/" + folder);
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A classpath folder as a path (in the jar's file system when it is packaged), or {@code null}. */
    static Path classpathFolder(String name) {
        URL url = Examples.class.getClassLoader().getResource(name);
        if (url == null) {
            return null;
        }
        try {
            return RuleSource.classpathPath(url);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the classpath folder " + name + ": " + e.getMessage(), e);
        }
    }
}

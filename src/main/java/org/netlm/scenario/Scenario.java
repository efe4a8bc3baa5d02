package org.netlm.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;

/**
 * One scenario (interface.md, "Scenario files"): a patient and what the assessment must show.
 *
 * @param name     what the scenario is about
 * @param source   where it was read from ("path/file.json" or "path/file.json[2]")
 * @param patient  the patient JSON, kept raw so that invalid patients can be tested too
 * @param expect   the listed expectations
 * @param snapshot the complete expected output ({@code "snapshot"}), or {@code null} when the scenario has none
 * @param file     the file it was read from, or {@code null}
 * @param index    its position in the file's array, or {@code -1} when the file holds one scenario object
 */
public record Scenario(String name, String source, JsonNode patient, Expect expect, Snapshot snapshot, Path file, int index) {

    /** A scenario without snapshot and file (e.g. built in a test). */
    public Scenario(String name, String source, JsonNode patient, Expect expect) {
        this(name, source, patient, expect, null, null, -1);
    }

    /**
     * Expectations; anything not listed is not checked.
     *
     * @param findings        finding name to exact value
     * @param recommendations therapy to exact strength
     * @param notOffered      therapies that must be absent, NOT_RECOMMENDED or CONTRAINDICATED
     * @param warnings        warning codes that must be present
     * @param invalid         fields the rejection must name ({@code null} when the patient must be valid)
     * @param firedRules      rule ids that must have fired
     * @param blockedBy       therapy to criterion codes its explanation must name as reasons against it
     *                        ({@link org.netlm.model.explanation.Explanations#reasonsAgainst})
     * @param missingInputs   therapy to patient fields its explanation must name as missing inputs
     *                        ({@link org.netlm.model.explanation.Explanations#missingInputFields})
     */
    public record Expect(Map<String, String> findings, Map<Therapy, Strength> recommendations, List<Therapy> notOffered,
                         List<String> warnings, List<String> invalid, List<String> firedRules,
                         Map<Therapy, List<String>> blockedBy, Map<Therapy, List<String>> missingInputs) {
        public Expect {
            findings = findings == null ? Map.of() : Map.copyOf(findings);
            recommendations = recommendations == null ? Map.of() : Map.copyOf(recommendations);
            notOffered = notOffered == null ? List.of() : List.copyOf(notOffered);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
            invalid = invalid == null ? null : List.copyOf(invalid);
            firedRules = firedRules == null ? List.of() : List.copyOf(firedRules);
            blockedBy = blockedBy == null ? Map.of() : Map.copyOf(blockedBy);
            missingInputs = missingInputs == null ? Map.of() : Map.copyOf(missingInputs);
        }

        /** Without {@code missingInputs} (the original constructor). */
        public Expect(Map<String, String> findings, Map<Therapy, Strength> recommendations, List<Therapy> notOffered,
                      List<String> warnings, List<String> invalid, List<String> firedRules, Map<Therapy, List<String>> blockedBy) {
            this(findings, recommendations, notOffered, warnings, invalid, firedRules, blockedBy, Map.of());
        }
    }
}

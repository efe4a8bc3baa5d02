package org.netlm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.netlm.model.Assessment;

/**
 * Benchmark output: an assessment as one line with the fields of interface.md's assessment JSON (a stand-in for
 * the CLI's writer in the benchmarks that do not go through the CLI). Input lines come from
 * {@link org.netlm.testing.Patients#toJson}.
 */
public final class Ndjson {
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private Ndjson() {
    }

    /** The assessment's interface fields (patientId, rulesetVersion, findings, recommendations, warnings, firedRules). */
    public static String output(Assessment a) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patientId", a.patientId());
        m.put("rulesetVersion", a.rulesetVersion());
        m.put("findings", a.findings());
        m.put("recommendations", a.recommendations());
        m.put("warnings", a.warnings());
        m.put("firedRules", a.firedRules());
        return WRITER.writeValueAsString(m);
    }
}

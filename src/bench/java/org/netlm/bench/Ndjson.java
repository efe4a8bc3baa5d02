package org.netlm.bench;

import org.netlm.io.AssessmentJson;
import org.netlm.model.Assessment;

/** Benchmark output for {@link BatchProbe}: an assessment as one compact JSON line (the CLI's format, text path). */
public final class Ndjson {
    private Ndjson() {
    }

    public static String output(Assessment a) {
        return AssessmentJson.toCompactJson(a);
    }
}

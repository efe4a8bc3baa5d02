package org.netlm.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netlm.io.AssessmentJson;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;

/** Development check: writes the assessments of 3,000 random patients (one JSON line each) to a file. */
public final class Golden {
    public static void main(String[] args) throws Exception {
        NetlmEngine engine = NetlmEngine.fromDirectory(Path.of("rules"));
        ObjectMapper m = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (PatientCase p : Patients.sample(7, 3_000)) {
            out.add(AssessmentJson.toCompactJson(engine.assess(p)));
        }
        Files.write(Path.of(args[0]), out);
    }
}

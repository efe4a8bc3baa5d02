package org.netlm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;

/**
 * Cold-start probe (what {@code evaluate FILE} does, minus the CLI): read one patient file, build the engine,
 * assess, print the assessment as JSON. Timed from outside, JVM start to exit.
 * Usage: {@code ColdStart bundled|DIR|train patient.json}; {@code train} assesses with the bundled rules and with
 * rules/ compiled from DRL (an AppCDS training run that loads the classes of both paths).
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        if ("train".equals(args[0])) {
            NetlmEngine.fromDirectory(Path.of("rules")).assess(PatientJson.parse(Files.readString(Path.of(args[1]))));
        }
        NetlmEngine engine = "bundled".equals(args[0]) || "train".equals(args[0]) ? NetlmEngine.withDefaultRules()
            : NetlmEngine.fromDirectory(Path.of(args[0]));
        Assessment a = engine.assess(PatientJson.parse(Files.readString(Path.of(args[1]))));
        System.out.println(new ObjectMapper().writeValueAsString(a));
    }
}

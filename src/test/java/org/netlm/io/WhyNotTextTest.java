package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;

/**
 * Every "not offered" line of the text report names a reason: a blocking condition, a missing input, a rule or limit
 * against it, or why no rule could offer it. Checked on the text of 3,000 generated patients (the property tests'
 * generator, fixed seed), so a reason list that renders empty is caught whatever the rules say.
 */
class WhyNotTextTest {
    private static final Pattern WHY_NOT = Pattern.compile("^ {4}([A-Z_]+) not offered(?: \\([A-Z_]+\\))?:(.*)$");
    /** Words after which a reason must follow: a line or a part ending with one of them names nothing. */
    private static final Pattern DANGLING = Pattern.compile("(?:blocked by|because|give|:)\\s*(?:\\(and [^)]*\\))?$");

    @Test
    void everyWhyNotLineOfGeneratedPatientsNamesAReason() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        List<String> problems = new ArrayList<>();
        int lines = 0;
        for (PatientCase p : Patients.sample(20_251_130L, 3_000)) {
            Assessment a = engine.assess(p);
            for (String line : AssessmentText.format(a, true).split("\n")) {
                Matcher m = WHY_NOT.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                lines++;
                String reason = m.group(2).trim();
                boolean dangling = reason.isEmpty();
                for (String part : reason.split("; ")) {
                    dangling |= part.isBlank() || DANGLING.matcher(part.trim()).find();
                }
                if (dangling && problems.size() < 20) {
                    problems.add(line + "\n      patient " + Patients.toJson(p));
                }
            }
        }
        assertThat(lines).as("why-not lines checked").isGreaterThan(3_000);
        assertThat(problems).as("why-not lines without a reason").isEmpty();
    }

    @Test
    void theCheckFindsALineWithoutAReason() {
        assertThat(DANGLING.matcher("blocked by").find()).isTrue();
        assertThat(DANGLING.matcher("blocked by (and 2 other unmet conditions)").find()).isTrue();
        assertThat(DANGLING.matcher("blocked by not grade G3 (grade=G2)").find()).isFalse();
        assertThat(WHY_NOT.matcher("    PLATINUM_ETOPOSIDE not offered: blocked by").matches()).isTrue();
    }
}

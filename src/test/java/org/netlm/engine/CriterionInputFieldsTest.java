package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.netlm.io.PatientJson;
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;

/**
 * The input fields a criterion names ({@link CriterionCode#fields()}) are what the explanations and the missing-data
 * summary tell a user to give. They must be real patient fields, and every patient field a classification rule
 * reads for a criterion (the {@code field=value} pairs of its basis) must be among them: a criterion that starts to
 * read a new input (e.g. {@code extrahepaticResectable} of model v2) fails here until its code lists the field, so
 * no explanation or summary can leave it out.
 */
class CriterionInputFieldsTest {
    private static final Pattern BASIS_FIELD = Pattern.compile("(?:^|, )(\\w+)=");

    @Test
    void everyFieldACriterionNamesIsAPatientField() {
        for (CriterionCode c : CriterionCode.values()) {
            assertThat(c.fields()).as(c.name()).isNotEmpty().allMatch(PatientJson.fieldNames()::contains).doesNotContain("id");
        }
    }

    @Test
    void everyPatientFieldReadForACriterionIsAmongItsFields() {
        Map<CriterionCode, Set<String>> read = new EnumMap<>(CriterionCode.class);
        List<PatientCase> patients = new ArrayList<>(Patients.sample(11L, 300));
        patients.add(Patients.resectableG2("full"));
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        for (PatientCase p : patients) {
            for (Criterion c : engine.assess(p, AssessOptions.withoutExplanations()).criteria()) {
                Matcher m = BASIS_FIELD.matcher(c.getBasis());
                while (m.find()) {
                    if (PatientJson.fieldNames().contains(m.group(1))) {
                        read.computeIfAbsent(c.getCode(), k -> new TreeSet<>()).add(m.group(1));
                    }
                }
            }
        }
        assertThat(read).as("criteria whose basis names a patient field").hasSizeGreaterThan(30);
        read.forEach((code, fields) -> assertThat(code.fields()).as(code + " reads " + fields).containsAll(fields));
    }

    @Test
    void theBasisPatternFindsEachFieldOfABasis() {
        Matcher m = BASIS_FIELD.matcher("resectability=UNKNOWN, extrahepaticDisease=absent, priorTherapies=[PRRT:STABLE, CHEMOTHERAPY:UNKNOWN]");
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).containsExactly("resectability", "extrahepaticDisease", "priorTherapies");
    }
}

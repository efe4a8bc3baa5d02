package org.netlm.assertions;

import java.util.Optional;
import org.netlm.explain.ExplanationText;
import org.netlm.model.Assessment;
import org.netlm.model.Recommendation;
import org.netlm.model.Therapy;

/** Failure messages: what was expected, what the assessment shows, and the therapy's explanation. */
final class Messages {
    private Messages() {
    }

    /** "Expecting PRRT to be RECOMMENDED for ex-05, but the assessment shows CONSIDER (by SYS-15).\n<explanation>". */
    static String expected(Assessment a, Therapy therapy, String what) {
        return "Expecting " + therapy + " " + what + " for " + a.patientId() + ", but the assessment shows " + shows(a, therapy)
            + ".\n" + explanation(a, therapy);
    }

    static String shows(Assessment a, Therapy therapy) {
        Optional<Recommendation> r = a.recommendation(therapy);
        return r.map(x -> x.strength() + " (by " + x.ruleId() + ")").orElse("no recommendation");
    }

    static String explanation(Assessment a, Therapy therapy) {
        if (a.explanations().isEmpty()) {
            return "(the assessment carries no explanations: assess with explanations to see why)";
        }
        return "Explanation:\n" + ExplanationText.detail(a.explanations(), therapy);
    }
}

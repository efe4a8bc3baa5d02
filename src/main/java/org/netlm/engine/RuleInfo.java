package org.netlm.engine;

import java.util.List;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;

/**
 * What the rule folder says about one rule, read from its DRL text (not from the compiled base), so that
 * catalogues, hygiene checks and why-not explanations follow the rules as written.
 *
 * @param id            {@code @id}
 * @param name          the rule's name (its clinical sentence)
 * @param file          file, relative to the rule folder
 * @param line          line of the {@code rule} keyword
 * @param layer         the folder (validation, classification, recommendation, resolution)
 * @param evidenceKeys  {@code @evidence} keys
 * @param comment       the {@code //} comment above the rule (its clinical meaning)
 * @param therapy       the therapy of the candidate or limit it produces, or {@code null}
 * @param strength      the strength of the candidate it produces, or {@code null}
 * @param limit         the limit kind it sets on {@code therapy} ("AT_MOST_CONSIDER", "NOT_OFFERED"), or {@code null}
 * @param requirements  the criteria its conditions ask for
 * @param conditions    its other conditions as written, one per pattern (e.g. {@code PatientCase( grade == null )}),
 *                      and for a criterion rule the state it derives (e.g. {@code LOW_PROLIFERATION: ki67Percent ≤ 10 …}),
 *                      with getters read as field names and the {@code Tri} comparisons as symbols
 */
public record RuleInfo(String id, String name, String file, int line, String layer, List<String> evidenceKeys,
                       String comment, Therapy therapy, Strength strength, String limit, List<Requirement> requirements,
                       List<String> conditions) {
    public RuleInfo {
        evidenceKeys = List.copyOf(evidenceKeys);
        requirements = List.copyOf(requirements);
        conditions = List.copyOf(conditions);
    }

    /** Without the conditions as written. */
    public RuleInfo(String id, String name, String file, int line, String layer, List<String> evidenceKeys,
                    String comment, Therapy therapy, Strength strength, String limit, List<Requirement> requirements) {
        this(id, name, file, line, layer, evidenceKeys, comment, therapy, strength, limit, requirements, List.of());
    }

    /** True for a rule that offers its therapy (RECOMMENDED or CONSIDER). */
    public boolean offers() {
        return strength != null && strength.isOffered();
    }
}

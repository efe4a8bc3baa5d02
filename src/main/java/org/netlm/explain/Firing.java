package org.netlm.explain;

import java.util.List;
import java.util.Map;
import org.netlm.model.Recommendation;
import org.netlm.model.Therapy;
import org.netlm.model.fact.Candidate;
import org.netlm.model.fact.Criteria;
import org.netlm.model.fact.StrengthLimit;

/**
 * What one assessment's rules did, as the explainer reads it: the patient's criteria (with the rule that derived each),
 * the candidates and limits the rules inserted, the recommendations resolution made of them with the limits it applied
 * per therapy, and the {@code @id}s of the rules that fired. Immutable once built (the engine hands over lists it no
 * longer changes).
 */
public record Firing(Criteria criteria, List<Candidate> candidates, List<StrengthLimit> limits,
                     List<Recommendation> recommendations, Map<Therapy, List<StrengthLimit>> applied, List<String> firedRules) {
}

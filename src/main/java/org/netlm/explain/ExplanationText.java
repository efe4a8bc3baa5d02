package org.netlm.explain;

import java.util.ArrayList;
import java.util.List;
import org.netlm.catalog.Requirement;
import org.netlm.catalog.RuleInfo;
import org.netlm.model.CriterionPredicate;

/**
 * The one text renderer of explanations and of what rules ask and produce: every sentence a reader sees about why a
 * therapy is or is not on offer is written here (the text report's "Why and why not", failure messages, CDS cards,
 * the rule catalogue's requirement words). To change a why-not sentence, change it here.
 */
public final class ExplanationText {
    private ExplanationText() {
    }

    /** A condition's predicate in words, for catalogues and explanations: "not met (or unknown)". */
    public static String words(CriterionPredicate p) {
        return switch (p) {
            case MET -> "met";
            case UNMET -> "known not to hold";
            case UNKNOWN -> "unknown (data missing)";
            case NOT_MET -> "not met (or unknown)";
            case NOT_UNMET -> "met or unknown";
        };
    }

    /** {@code SSTR_NEGATIVE not met (or unknown)}. */
    public static String requirement(Requirement q) {
        return q.code() + " " + words(q.predicate());
    }

    /**
     * What a rule produces, from its declarations: "`PRRT` RECOMMENDED", "limits `ABLATION` to at most CONSIDER", several
     * joined by "; ", or "findings, criteria or warnings (no recommendation)".
     */
    public static String produces(RuleInfo r) {
        List<String> parts = new ArrayList<>();
        for (RuleInfo.Offer o : r.offers()) {
            parts.add("`" + o.therapy().name() + "` " + o.strength().name());
        }
        for (RuleInfo.Limit l : r.limits()) {
            String kind = switch (l.kind()) {
                case AT_MOST_CONSIDER -> "at most CONSIDER";
                case NOT_OFFERED -> "not offered (at most NOT_RECOMMENDED)";
            };
            parts.add("limits `" + l.therapy().name() + "` to " + kind);
        }
        return parts.isEmpty() ? "findings, criteria or warnings (no recommendation)" : String.join("; ", parts);
    }
}

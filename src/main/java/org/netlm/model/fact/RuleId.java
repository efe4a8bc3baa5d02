package org.netlm.model.fact;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The {@code @id} of a rule, read from its metadata when a fact it inserts is built ({@code Candidate.of(kcontext, …)},
 * {@code StrengthLimit.of(kcontext, …)}, {@code criteria.add(kcontext, …)}) and by the firing recorder. The one place the
 * rule facts touch Drools' rule context; everything else a rule declares ({@code @evidence}, {@code @offers},
 * {@code @limits}) is read once, from the DRL, by the rule catalogue.
 */
public final class RuleId {
    private RuleId() {
    }

    /** The {@code @id} of the rule firing in {@code kcontext}, or its name when it has none. */
    public static String of(RuleContext kcontext) {
        return of(kcontext.getRule());
    }

    /** The rule's {@code @id}, or its name when it has none. */
    public static String of(Rule rule) {
        Object id = rule.getMetaData().get("id");
        return id == null ? rule.getName() : id.toString();
    }
}

package org.netlm.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.netlm.model.fact.RuleId;

/**
 * KIE event listener that records, for one session, the rules that fired (in order) and every fact in working
 * memory, routed by kind ({@link RuleOutput}). The explanations are built from this record of the rules' own execution (with the {@link
 * org.netlm.model.fact.Criteria} fact and the rule catalogue), never from logging in the consequences.
 *
 * <p>Lean by design (it runs for every patient): the hot path only appends to array lists. The routed facts replace a
 * {@code getObjects()} query on the session.
 */
final class FiringRecorder {
    private final List<String> fired = new ArrayList<>(64);
    /** The derived facts in working memory, by kind (deleted facts removed). */
    private final RuleOutput output = new RuleOutput();

    final DefaultAgendaEventListener agendaListener = new DefaultAgendaEventListener() {
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(ruleId(event.getMatch().getRule()));
        }
    };

    final DefaultRuleRuntimeEventListener runtimeListener = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            output.inserted(event.getObject());
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            output.deleted(event.getOldObject());
        }
    };

    static String ruleId(Rule rule) {
        return RuleId.of(rule);
    }

    List<String> fired() {
        return fired;
    }

    /** The derived facts left in working memory, by kind. */
    RuleOutput output() {
        return output;
    }

    /** The rule that fired most often and how often ("LOOP-01 (4990 times)"), to point at a rule that loops. */
    String mostFired() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String id : fired) {
            counts.merge(id, 1, Integer::sum);
        }
        return counts.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(e -> e.getKey() + " (" + e.getValue() + " times)")
            .orElse("none");
    }
}

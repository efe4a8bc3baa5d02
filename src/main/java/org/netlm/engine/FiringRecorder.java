package org.netlm.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.netlm.model.Criterion;

/**
 * KIE event listener that records, for one session, the rules that fired (in order), which rule inserted
 * each derived fact, and the criteria each rule matched. The explanations are built from this record of
 * the rules' own execution, never from logging in the consequences.
 */
final class FiringRecorder {
    private final List<String> fired = new ArrayList<>();
    private final Map<Object, String> insertedBy = new IdentityHashMap<>();
    private final Map<String, List<Criterion>> matchedCriteria = new java.util.HashMap<>();
    private final boolean details;

    /**
     * @param details record the criteria each rule matched (for explanations); the fired-rule list is always kept,
     *                and insertions are recorded only when {@link #runtimeListener} is added to the session
     */
    FiringRecorder(boolean details) {
        this.details = details;
    }

    final DefaultAgendaEventListener agendaListener = new DefaultAgendaEventListener() {
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            String id = ruleId(event.getMatch().getRule());
            fired.add(id);
            if (!details) {
                return;
            }
            List<Criterion> crit = null;
            for (Object o : event.getMatch().getObjects()) {
                if (o instanceof Criterion c) {
                    if (crit == null) {
                        crit = new ArrayList<>();
                    }
                    crit.add(c);
                }
            }
            if (crit != null) {
                matchedCriteria.merge(id, crit, (a, b) -> {
                    List<Criterion> m = new ArrayList<>(a);
                    m.addAll(b);
                    return m;
                });
            }
        }
    };

    final DefaultRuleRuntimeEventListener runtimeListener = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() != null) {
                insertedBy.put(event.getObject(), ruleId(event.getRule()));
            }
        }
    };

    static String ruleId(Rule rule) {
        Object id = rule.getMetaData().get("id");
        return id == null ? rule.getName() : id.toString();
    }

    List<String> fired() {
        return fired;
    }

    /** The rule that fired most often and how often ("LOOP-01 (4990 times)"), to point at a rule that loops. */
    String mostFired() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String id : fired) {
            counts.merge(id, 1, Integer::sum);
        }
        return counts.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(e -> e.getKey() + " (" + e.getValue() + " times)")
            .orElse("none");
    }

    /** The id of the rule that inserted {@code fact}, or {@code null} for the input. */
    String insertedBy(Object fact) {
        return insertedBy.get(fact);
    }

    /** The criteria matched by the rule {@code ruleId} when it fired. */
    List<Criterion> matchedCriteria(String ruleId) {
        return matchedCriteria.getOrDefault(ruleId, List.of());
    }
}

package org.netlm.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.netlm.catalog.EvidenceRegistry;
import org.netlm.catalog.Requirement;
import org.netlm.catalog.RuleInfo;
import org.netlm.engine.NetlmEngine;
import org.netlm.engine.RuleProblem;
import org.netlm.explain.ExplanationText;
import org.netlm.io.AssessmentJson;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.Citation;
import org.netlm.model.Recommendation;
import org.netlm.model.Warning;
import org.netlm.scenario.ScenarioResult;
import org.netlm.validation.Violation;

/** The workbench API's JSON bodies, each built in one place (the assessment itself by {@link AssessmentJson}). */
final class WorkbenchJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private WorkbenchJson() {
    }

    /** The assessment as {@link AssessmentJson} writes it, as a tree to embed. */
    static JsonNode assessment(Assessment a) {
        try {
            return PatientJson.sharedMapper().readTree(AssessmentJson.toJson(a));
        } catch (IOException e) {
            throw new IllegalStateException("the assessment writer produced unreadable JSON", e);
        }
    }

    /** {@code {source, editable, digest, state, checking, stale, problems[], files[], checkedAt, rulesetVersion}}. */
    static ObjectNode rules(RuleWorkspace ws) {
        RuleWorkspace.Snapshot s = ws.current();
        ObjectNode o = F.objectNode();
        o.put("source", ws.sourceName());
        o.put("editable", ws.editable());
        o.put("digest", s.digest());
        o.put("state", s.state().name());
        o.put("checking", ws.checking());
        o.put("stale", s.stale());
        o.put("checkedAt", s.checkedAt().toString());
        o.put("rulesetVersion", s.engine() == null ? null : s.engine().rulesetVersion());
        o.put("engineDigest", s.engineDigest());
        ArrayNode problems = o.putArray("problems");
        for (RuleProblem p : s.problems()) {
            problems.addObject().put("file", p.file()).put("line", p.line()).put("message", p.message()).put("text", p.describe());
        }
        ArrayNode files = o.putArray("files");
        s.files().forEach((path, content) -> files.addObject().put("path", path).put("chars", content.length()));
        return o;
    }

    /** The state of the rules an assessment was made with (shown beside every assessment). */
    static ObjectNode rulesInUse(RuleWorkspace.Snapshot s) {
        ObjectNode o = F.objectNode();
        o.put("state", s.state().name());
        o.put("stale", s.stale());
        o.put("digest", s.engineDigest());
        o.put("rulesetVersion", s.engine() == null ? null : s.engine().rulesetVersion());
        return o;
    }

    /**
     * The catalogue of the engine in use, each rule with its conditions, evidence and the scenarios that fire it;
     * then the suite's summary.
     */
    static ObjectNode catalog(NetlmEngine engine, ScenarioCoverage coverage) {
        ObjectNode o = F.objectNode();
        o.put("rulesetVersion", engine.rulesetVersion());
        ArrayNode rules = o.putArray("rules");
        EvidenceRegistry evidence = engine.evidence();
        for (RuleInfo r : engine.catalog().rules()) {
            ObjectNode n = rules.addObject();
            n.put("id", r.id());
            n.put("name", r.name());
            n.put("file", r.file());
            n.put("line", r.line());
            n.put("layer", r.layer());
            n.put("comment", r.comment());
            n.put("produces", ExplanationText.produces(r).replace("`", ""));
            ArrayNode offers = n.putArray("offers");
            r.offers().forEach(x -> offers.addObject().put("therapy", x.therapy().name()).put("strength", x.strength().name()));
            ArrayNode limits = n.putArray("limits");
            r.limits().forEach(x -> limits.addObject().put("therapy", x.therapy().name()).put("kind", x.kind().name()));
            n.put("conditionsFullyRead", engine.catalog().conditionsFullyRead(r));
            ArrayNode conditions = n.putArray("conditions");
            for (Requirement q : r.requirements()) {
                conditions.addObject().put("criterion", q.code().name()).put("expect", q.predicate().name()).put("text", ExplanationText.requirement(q));
            }
            ArrayNode ev = n.putArray("evidence");
            for (String key : r.evidenceKeys()) {
                ObjectNode e = ev.addObject().put("key", key);
                evidence.find(key).ifPresent(c -> citation(e, c));
            }
            ArrayNode sc = n.putArray("scenarios");
            if (coverage != null) {
                for (ScenarioResult res : coverage.byRule().getOrDefault(r.id(), List.of())) {
                    sc.addObject().put("name", res.scenario().name()).put("source", res.scenario().source()).put("passed", res.passed());
                }
            }
        }
        ObjectNode suite = o.putObject("scenarios");
        if (coverage != null) {
            suite.put("source", coverage.source());
            suite.put("error", coverage.error());
            suite.put("total", coverage.results().size());
            suite.put("passed", coverage.passed());
            ArrayNode failed = suite.putArray("failed");
            coverage.results().stream().filter(r -> !r.passed()).forEach(r -> {
                ObjectNode f = failed.addObject().put("name", r.scenario().name()).put("source", r.scenario().source());
                r.differences().forEach(f.putArray("differences")::add);
            });
            coverage.neverFired().forEach(suite.putArray("neverFired")::add);
        }
        return o;
    }

    private static void citation(ObjectNode e, Citation c) {
        e.put("label", c.label());
        if (c.doi() != null) {
            e.put("doi", c.doi());
        }
        if (c.pmid() != null) {
            e.put("pmid", c.pmid());
        }
    }

    /**
     * A scenario file (interface.md, "Scenario files") whose expectations are the current output: every finding,
     * every recommendation with its strength, every warning code.
     */
    static ObjectNode scenario(String name, JsonNode patient, Assessment a) {
        ObjectNode o = F.objectNode();
        o.put("name", name);
        o.set("patient", patient);
        ObjectNode expect = o.putObject("expect");
        ObjectNode findings = expect.putObject("findings");
        for (Map.Entry<String, String> e : a.findings().asMap().entrySet()) {
            findings.put(e.getKey(), e.getValue());
        }
        ArrayNode recs = expect.putArray("recommendations");
        for (Recommendation r : a.recommendations()) {
            recs.addObject().put("therapy", r.therapy().name()).put("strength", r.strength().name());
        }
        ArrayNode warnings = expect.putArray("warnings");
        for (Warning w : a.warnings()) {
            warnings.add(w.code().name());
        }
        return o;
    }

    /** A scenario for a patient the validation rejects: the fields it names. */
    static ObjectNode invalidScenario(String name, JsonNode patient, List<Violation> violations) {
        ObjectNode o = F.objectNode();
        o.put("name", name);
        o.set("patient", patient);
        ArrayNode invalid = o.putObject("expect").putArray("invalid");
        violations.stream().map(Violation::field).distinct().forEach(invalid::add);
        return o;
    }
}

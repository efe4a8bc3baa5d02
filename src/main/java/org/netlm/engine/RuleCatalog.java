package org.netlm.engine;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.netlm.model.CriterionCode;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;

/**
 * Every rule of a rule folder as {@link RuleInfo}, read with the Drools DRL parser, plus the rule-hygiene
 * checks of decision-model.md section 4 (unique {@code @id}, known {@code @evidence}, no writes to facts).
 */
public final class RuleCatalog {
    private static final Pattern CANDIDATE = Pattern.compile(
        "Candidate\\s*\\.\\s*of\\s*\\(\\s*kcontext\\s*,\\s*Therapy\\s*\\.\\s*(\\w+)\\s*,\\s*Strength\\s*\\.\\s*(\\w+)");
    private static final Pattern LIMIT = Pattern.compile(
        "StrengthLimit\\s*\\.\\s*of\\s*\\(\\s*kcontext\\s*,\\s*Therapy\\s*\\.\\s*(\\w+)\\s*,\\s*(?:StrengthLimit\\s*\\.\\s*)?Kind\\s*\\.\\s*(\\w+)");
    private static final Pattern CODE = Pattern.compile("code\\s*==\\s*CriterionCode\\s*\\.\\s*(\\w+)");
    private static final Pattern STATE = Pattern.compile("(^|[\\s,(])(!?)\\s*(met|unmet|unknown)\\b");
    private static final Pattern WRITES = Pattern.compile("\\b(modify|update|delete|retract)\\s*\\(");

    private final List<RuleInfo> rules;
    private final List<RuleProblem> problems;

    private RuleCatalog(List<RuleInfo> rules, List<RuleProblem> problems) {
        this.rules = List.copyOf(rules);
        this.problems = List.copyOf(problems);
    }

    /** Reads every rule of {@code source}; hygiene problems are collected, not thrown. */
    public static RuleCatalog read(RuleSource source, EvidenceRegistry evidence) {
        List<RuleInfo> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, RuleInfo> byId = new HashMap<>();
        for (RuleSource.DrlFile f : source.drlFiles()) {
            PackageDescr pkg;
            DrlParser parser = new DrlParser();
            try {
                pkg = parser.parse(false, new StringReader(f.content()));
            } catch (DroolsParserException e) {
                problems.add(new RuleProblem(f.path(), 0, e.getMessage()));
                continue;
            }
            if (parser.hasErrors() || pkg == null) {
                for (DroolsError err : parser.getErrors()) {
                    problems.add(new RuleProblem(f.path(), Math.max(0, err.getLines().length > 0 ? err.getLines()[0] : 0), err.getMessage()));
                }
                continue;
            }
            String[] lines = f.content().split("\n", -1);
            for (RuleDescr r : pkg.getRules()) {
                RuleInfo info = describe(f, lines, r, problems, evidence);
                rules.add(info);
                if (info.id() != null) {
                    RuleInfo twin = byId.putIfAbsent(info.id(), info);
                    if (twin != null) {
                        problems.add(new RuleProblem(f.path(), r.getLine(), "duplicate @id(\"" + info.id() + "\"): also used by rule \""
                            + twin.name() + "\" at " + twin.file() + ":" + twin.line()));
                    }
                }
            }
        }
        return new RuleCatalog(rules, problems);
    }

    private static RuleInfo describe(RuleSource.DrlFile f, String[] lines, RuleDescr r, List<RuleProblem> problems,
                                     EvidenceRegistry evidence) {
        String id = annotation(r, "id");
        if (id == null || id.isBlank()) {
            problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName() + "\" has no @id"));
            id = null;
        }
        List<String> keys = org.netlm.model.Candidate.RuleMeta.splitKeys(annotation(r, "evidence"));
        if (keys.isEmpty()) {
            problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName() + "\" has no @evidence"));
        } else if (evidence != null) {
            for (String k : keys) {
                if (!evidence.contains(k)) {
                    problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName() + "\": @evidence key \"" + k
                        + "\" is not in " + RuleSource.EVIDENCE_FILE));
                }
            }
        }
        String rhs = r.getConsequence() == null ? "" : r.getConsequence().toString();
        Matcher w = WRITES.matcher(rhs);
        if (w.find()) {
            problems.add(new RuleProblem(f.path(), r.getConsequenceLine() > 0 ? r.getConsequenceLine() : r.getLine(),
                "rule \"" + r.getName() + "\" calls " + w.group(1) + "(): rules must not change facts; insert a derived fact instead"));
        }
        Therapy therapy = null;
        Strength strength = null;
        String limit = null;
        Matcher c = CANDIDATE.matcher(rhs);
        if (c.find()) {
            therapy = enumOrNull(Therapy.class, c.group(1));
            strength = enumOrNull(Strength.class, c.group(2));
        }
        Matcher l = LIMIT.matcher(rhs);
        if (therapy == null && l.find()) {
            therapy = enumOrNull(Therapy.class, l.group(1));
            limit = l.group(2);
        }
        List<Requirement> reqs = new ArrayList<>();
        collect(r.getLhs(), false, reqs);
        String layer = f.path().contains("/") ? f.path().substring(0, f.path().indexOf('/')) : "";
        return new RuleInfo(id, r.getName(), f.path(), r.getLine(), layer, keys, comment(lines, r.getLine()),
            therapy, strength, limit, reqs);
    }

    private static void collect(BaseDescr d, boolean negated, List<Requirement> out) {
        if (d instanceof PatternDescr p) {
            if ("Criterion".equals(p.getObjectType()) || p.getObjectType().endsWith(".Criterion")) {
                StringBuilder text = new StringBuilder();
                for (BaseDescr c : p.getConstraint().getDescrs()) {
                    text.append(c.getText() != null ? c.getText() : c.toString()).append(", ");
                }
                Requirement req = requirement(text.toString());
                if (req != null) {
                    out.add(negated ? new Requirement(req.code(), req.expect().negate()) : req);
                }
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            boolean neg = negated ^ (d instanceof NotDescr);
            for (BaseDescr child : ce.getDescrs()) {
                collect(child, neg, out);
            }
        }
    }

    static Requirement requirement(String constraints) {
        Matcher code = CODE.matcher(constraints);
        if (!code.find()) {
            return null;
        }
        CriterionCode cc = enumOrNull(CriterionCode.class, code.group(1));
        if (cc == null) {
            return null;
        }
        Matcher st = STATE.matcher(constraints);
        Requirement.Expect expect = Requirement.Expect.MET;
        if (st.find()) {
            boolean not = !st.group(2).isEmpty();
            switch (st.group(3)) {
                case "met":
                    expect = not ? Requirement.Expect.NOT_MET : Requirement.Expect.MET;
                    break;
                case "unmet":
                    expect = not ? Requirement.Expect.NOT_UNMET : Requirement.Expect.UNMET;
                    break;
                default:
                    expect = Requirement.Expect.UNKNOWN;
                    break;
            }
        }
        return new Requirement(cc, expect);
    }

    private static String annotation(RuleDescr r, String name) {
        AnnotationDescr a = r.getAnnotation(name);
        if (a == null) {
            return null;
        }
        Object v = a.getSingleValue();
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String comment(String[] lines, int ruleLine) {
        List<String> parts = new ArrayList<>();
        for (int i = ruleLine - 2; i >= 0 && i < lines.length; i--) {
            String t = lines[i].trim();
            if (!t.startsWith("//")) {
                break;
            }
            parts.add(0, t.substring(2).trim());
        }
        return String.join(" ", parts);
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public List<RuleInfo> rules() {
        return rules;
    }

    /** Hygiene problems (parse errors, missing or duplicate ids, unknown evidence, writes to facts). */
    public List<RuleProblem> problems() {
        return problems;
    }

    public Optional<RuleInfo> byId(String id) {
        return rules.stream().filter(r -> id.equals(r.id())).findFirst();
    }

    /** The rules that offer {@code therapy} (RECOMMENDED or CONSIDER), in file order. */
    public List<RuleInfo> offering(Therapy therapy) {
        return rules.stream().filter(r -> r.therapy() == therapy && r.offers()).toList();
    }
}

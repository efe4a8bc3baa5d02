package org.netlm.engine;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
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
    /** One condition of a {@code Criteria(…)} pattern: {@code met(CriterionCode.NET)}, {@code !unmet(…)}, … */
    private static final Pattern CONDITION = Pattern.compile(
        "(!?)\\s*(met|unmet|unknown|notMet|notUnmet)\\s*\\(\\s*CriterionCode\\s*\\.\\s*(\\w+)\\s*\\)");
    private static final Pattern DERIVES = Pattern.compile("Criterion\\s*\\.\\s*of\\s*\\(\\s*CriterionCode\\s*\\.\\s*(\\w+)");
    private static final Pattern INSERTS_CRITERION = Pattern.compile("\\binsert(Logical)?\\s*\\(\\s*(new\\s+Criterion\\s*\\(|Criterion\\s*\\.\\s*of\\b)");
    private static final Pattern WRITES = Pattern.compile("\\b(modify|update|delete|retract)\\s*\\(");

    private final List<RuleInfo> rules;
    private final List<RuleProblem> problems;
    private final Set<RuleInfo> partiallyRead;

    private RuleCatalog(List<RuleInfo> rules, List<RuleProblem> problems, Set<RuleInfo> partiallyRead) {
        this.rules = List.copyOf(rules);
        this.problems = List.copyOf(problems);
        this.partiallyRead = Set.copyOf(partiallyRead);
    }

    /** Reads every rule of {@code source}; hygiene problems are collected, not thrown. */
    public static RuleCatalog read(RuleSource source, EvidenceRegistry evidence) {
        List<RuleInfo> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, RuleInfo> byId = new HashMap<>();
        Set<RuleInfo> partial = new HashSet<>();
        Map<CriterionCode, RuleInfo> derivers = new java.util.EnumMap<>(CriterionCode.class);
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
                RuleInfo info = describe(f, lines, r, problems, evidence, partial);
                rules.add(info);
                checkCriterionUse(f, r, info, problems, derivers);
                if (info.id() != null) {
                    RuleInfo twin = byId.putIfAbsent(info.id(), info);
                    if (twin != null) {
                        problems.add(new RuleProblem(f.path(), r.getLine(), "duplicate @id(\"" + info.id() + "\"): also used by rule \""
                            + twin.name() + "\" at " + twin.file() + ":" + twin.line()));
                    }
                }
            }
        }
        return new RuleCatalog(rules, problems, partial);
    }

    /**
     * Criteria are added to the global {@code CriteriaCollector criteria} by exactly one rule each and matched through the
     * {@code Criteria} fact: a {@code Criterion} fact is never in working memory, so a pattern on it or an insert of
     * one would silently do nothing.
     */
    private static void checkCriterionUse(RuleSource.DrlFile f, RuleDescr r, RuleInfo info, List<RuleProblem> problems,
                                          Map<CriterionCode, RuleInfo> derivers) {
        if (matchesCriterionFacts(r.getLhs())) {
            problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName() + "\" matches Criterion facts, which the "
                + "engine never inserts: write the conditions as Criteria( met(CriterionCode.X), notMet(CriterionCode.Y) )"));
        }
        String rhs = r.getConsequence() == null ? "" : r.getConsequence().toString();
        if (INSERTS_CRITERION.matcher(rhs).find()) {
            problems.add(new RuleProblem(f.path(), r.getConsequenceLine() > 0 ? r.getConsequenceLine() : r.getLine(),
                "rule \"" + r.getName() + "\" inserts a Criterion fact, which no rule can match: add it to the criteria instead, "
                + "criteria.add(kcontext, Criterion.of(...)) with global CriteriaCollector criteria; declared in the file"));
        }
        Matcher d = DERIVES.matcher(rhs);
        while (d.find()) {
            CriterionCode code = enumOrNull(CriterionCode.class, d.group(1));
            if (code == null) {
                continue;
            }
            RuleInfo first = derivers.putIfAbsent(code, info);
            if (first != null && first != info) {
                problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName() + "\" derives criterion " + code
                    + ", which rule \"" + first.name() + "\" at " + first.file() + ":" + first.line()
                    + " already derives: one rule per criterion"));
            }
        }
    }

    private static boolean matchesCriterionFacts(BaseDescr d) {
        if (d instanceof PatternDescr p) {
            return isType(p, "Criterion");
        }
        if (d instanceof org.drools.drl.ast.descr.ConditionalElementDescr ce) {
            for (Object child : ce.getDescrs()) {
                if (child instanceof BaseDescr b && matchesCriterionFacts(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isType(PatternDescr p, String simpleName) {
        String t = p.getObjectType();
        return t != null && (t.equals(simpleName) || t.endsWith("." + simpleName));
    }

    private static RuleInfo describe(RuleSource.DrlFile f, String[] lines, RuleDescr r, List<RuleProblem> problems,
                                     EvidenceRegistry evidence, Set<RuleInfo> partial) {
        String id = annotation(r, "id");
        if (id == null || id.isBlank()) {
            problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName() + "\" has no @id"));
            id = null;
        }
        List<String> keys = org.netlm.model.fact.Candidate.RuleMeta.splitKeys(annotation(r, "evidence"));
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
        String comment = comment(lines, r.getLine());
        if (comment.isBlank()) {
            problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName()
                + "\" has no // comment on the line above it saying, in clinical words, what it encodes"));
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
        boolean fullyRead = collect(r.getLhs(), false, reqs);
        String layer = f.path().contains("/") ? f.path().substring(0, f.path().indexOf('/')) : "";
        RuleInfo info = new RuleInfo(id, r.getName(), f.path(), r.getLine(), layer, keys, comment,
            therapy, strength, limit, reqs, RuleConditions.asWritten(r));
        if (!fullyRead) {
            partial.add(info);
        }
        return info;
    }

    /**
     * Adds the criterion requirements of {@code d} to {@code out}; returns false when {@code d} holds a condition
     * that is not read as a conjunction of criterion requirements ({@code or}, {@code forall}, {@code eval},
     * {@code from}/{@code accumulate}, a {@code not} over several conditions, a constrained pattern on another fact
     * type, or a {@code Criteria(…)} condition that is not one of {@code met|unmet|unknown|notMet|notUnmet(CriterionCode.X)}).
     * Conditions under {@code or} are not added: a branch of a disjunction is not a requirement of the rule.
     */
    private static boolean collect(BaseDescr d, boolean negated, List<Requirement> out) {
        if (d instanceof PatternDescr p) {
            if (p.getSource() != null) {
                return false;
            }
            if (!isType(p, "Criteria")) {
                // An unconstrained pattern on a fact the layers always insert (PatientCase, the findings) restricts nothing.
                return !negated && p.getConstraint().getDescrs().isEmpty();
            }
            List<Requirement> reqs = new ArrayList<>();
            boolean full = true;
            for (BaseDescr c : p.getConstraint().getDescrs()) {
                for (String part : (c.getText() != null ? c.getText() : c.toString()).split("&&")) {
                    Requirement req = requirement(part);
                    if (req == null) {
                        full = false;
                    } else {
                        reqs.add(req);
                    }
                }
            }
            if (negated) {
                // not Criteria( a ) is the requirement "not a"; not Criteria( a, b ) is no conjunction of requirements
                if (reqs.size() != 1 || !full || reqs.get(0).expect() == Requirement.Expect.UNKNOWN) {
                    return false;
                }
                out.add(new Requirement(reqs.get(0).code(), reqs.get(0).expect().negate()));
                return true;
            }
            out.addAll(reqs);
            return full;
        }
        if (d instanceof OrDescr) {
            return false;
        }
        if (d instanceof NotDescr n) {
            if (n.getDescrs().size() != 1 || !(n.getDescrs().get(0) instanceof PatternDescr)) {
                return false;
            }
            return collect(n.getDescrs().get(0), !negated, out);
        }
        if (d instanceof ExistsDescr e) {
            if (e.getDescrs().size() != 1) {
                return false;
            }
            return collect((BaseDescr) e.getDescrs().get(0), negated, out);
        }
        if (d instanceof AndDescr a) {
            boolean full = true;
            for (BaseDescr child : a.getDescrs()) {
                full &= collect(child, negated, out);
            }
            return full;
        }
        return false;
    }

    /**
     * One condition of a {@code Criteria(…)} pattern as a requirement, e.g. {@code notMet(CriterionCode.SSTR_NEGATIVE)};
     * {@code null} when it is anything else (then the rule's conditions are not fully read).
     */
    static Requirement requirement(String condition) {
        Matcher m = CONDITION.matcher(condition.trim());
        if (!m.matches()) {
            return null;
        }
        CriterionCode cc = enumOrNull(CriterionCode.class, m.group(3));
        if (cc == null) {
            return null;
        }
        Requirement.Expect expect = switch (m.group(2)) {
            case "met" -> Requirement.Expect.MET;
            case "unmet" -> Requirement.Expect.UNMET;
            case "unknown" -> Requirement.Expect.UNKNOWN;
            case "notMet" -> Requirement.Expect.NOT_MET;
            default -> Requirement.Expect.NOT_UNMET;
        };
        if (!m.group(1).isEmpty()) {
            if (expect == Requirement.Expect.UNKNOWN) {
                return null; // "not unknown" (met or unmet) is no single requirement
            }
            expect = expect.negate();
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

    /**
     * True when every condition of {@code rule} was read as a criterion requirement, so that
     * {@link RuleInfo#requirements()} is exactly what the rule asks; false when it also has conditions the catalogue
     * does not read (e.g. {@code or}, {@code from}, a constrained pattern on another fact type).
     */
    public boolean conditionsFullyRead(RuleInfo rule) {
        return !partiallyRead.contains(rule);
    }

    /** The rules that offer {@code therapy} (RECOMMENDED or CONSIDER), in file order. */
    public List<RuleInfo> offering(Therapy therapy) {
        return rules.stream().filter(r -> r.therapy() == therapy && r.offers()).toList();
    }
}

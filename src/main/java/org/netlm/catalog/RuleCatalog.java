package org.netlm.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.netlm.engine.RuleProblem;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionPredicate;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.fact.StrengthLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every rule of a rule folder as {@link RuleInfo}, read with the Drools DRL parser, plus the rule-hygiene
 * checks of decision-model.md section 4 (unique {@code @id}, known {@code @evidence}, no writes to facts).
 */
public final class RuleCatalog {
    /**
     * Where the build stores the catalogue of the bundled rules ({@link CatalogPrecompiler}, {@code process-classes}), so
     * that a start-up does not parse the DRL a second time beside the pre-compiled KIE base.
     */
    static final String PRECOMPILED_RESOURCE = "/org/netlm/catalog/bundled-catalog.json";
    private static final Logger LOG = LoggerFactory.getLogger(RuleCatalog.class);
    private static final ObjectMapper STORE = new ObjectMapper();
    private static final JavaParser JAVA = new JavaParser(new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final Pattern WRITES = Pattern.compile("\\b(modify|update|delete|retract)\\s*\\(");

    private final List<RuleInfo> rules;
    private final List<RuleProblem> problems;
    private final Set<RuleInfo> partiallyRead;

    private RuleCatalog(List<RuleInfo> rules, List<RuleProblem> problems, Set<RuleInfo> partiallyRead) {
        this.rules = List.copyOf(rules);
        this.problems = List.copyOf(problems);
        this.partiallyRead = Set.copyOf(partiallyRead);
    }

    /**
     * Reads every rule of {@code source}; hygiene problems are collected, not thrown.
     * @param source the rule folder's text
     * @param evidence its evidence registry, to check the rules' {@code @evidence} keys
     * @return the catalogue, with its hygiene problems
     */
    public static RuleCatalog read(RuleSource source, EvidenceRegistry evidence) {
        List<RuleInfo> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, RuleInfo> byId = new HashMap<>();
        Set<RuleInfo> partial = new HashSet<>();
        Map<CriterionCode, RuleInfo> derivers = new EnumMap<>(CriterionCode.class);
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
     * The catalogue the build read from the bundled rules, when it was read from exactly {@code source}'s text (its
     * {@linkplain RuleSource#digest() digest}); empty when the build stored none (e.g. classes compiled by an IDE) or
     * stored one of other rules, and the caller reads the DRL.
     *
     * @param source the rule folder's text the catalogue must describe
     * @return the stored catalogue (without problems: the build stores only a clean one), or empty
     */
    static Optional<RuleCatalog> precompiled(RuleSource source) {
        try (InputStream in = RuleCatalog.class.getResourceAsStream(PRECOMPILED_RESOURCE)) {
            return in == null ? Optional.empty() : precompiled(source, in);
        } catch (IOException e) {
            LOG.warn("The pre-read rule catalogue {} could not be read ({}): reading the DRL instead", PRECOMPILED_RESOURCE,
                e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The stored catalogue in {@code in} (as {@link #store} writes it), when it was read from {@code source}'s text.
     *
     * @param source the rule folder's text the catalogue must describe
     * @param in     the stored catalogue
     * @return the catalogue, or empty when it is of other rules or cannot be read
     */
    static Optional<RuleCatalog> precompiled(RuleSource source, InputStream in) {
        try {
            Stored stored = STORE.readValue(in, Stored.class);
            if (!stored.sourceDigest().equals(source.digest())) {
                LOG.warn("The pre-read rule catalogue is of other rules (digest {}, the rules' {}): reading the DRL instead",
                    stored.sourceDigest(), source.digest());
                return Optional.empty();
            }
            List<RuleInfo> rules = stored.rules();
            Set<RuleInfo> partial = new HashSet<>();
            stored.partiallyRead().forEach(i -> partial.add(rules.get(i)));
            return Optional.of(new RuleCatalog(rules, List.of(), partial));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The pre-read rule catalogue {} could not be read ({}): reading the DRL instead", PRECOMPILED_RESOURCE,
                e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Stores this catalogue of the rules whose digest is {@code sourceDigest} for {@link #precompiled(RuleSource)}: written
     * to a temporary file and moved into place, so a failed build leaves no half-written catalogue.
     *
     * @param sourceDigest the {@linkplain RuleSource#digest() digest} of the rules it was read from
     * @param file         where to write it
     * @throws IllegalStateException when the catalogue has problems (only a clean one is stored)
     * @throws UncheckedIOException  when the file cannot be written
     */
    void store(String sourceDigest, Path file) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the rules have problems, no catalogue stored: " + problems);
        }
        List<Integer> partial = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (partiallyRead.contains(rules.get(i))) {
                partial.add(i);
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            STORE.writeValue(tmp.toFile(), new Stored(sourceDigest, rules, partial));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stored form: the digest of the rules read, every rule, and the positions of the rules whose conditions were
     * not all read as criterion requirements.
     */
    record Stored(String sourceDigest, List<RuleInfo> rules, List<Integer> partiallyRead) {
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
        RuleConsequence rhs = consequence(r).orElse(null);
        if (rhs == null) {
            return;
        }
        if (rhs.insertsCriterion()) {
            problems.add(new RuleProblem(f.path(), r.getConsequenceLine() > 0 ? r.getConsequenceLine() : r.getLine(),
                "rule \"" + r.getName() + "\" inserts a Criterion fact, which no rule can match: add it to the criteria instead, "
                + "criteria.add(kcontext, Criterion.of(...)) with global CriteriaCollector criteria; declared in the file"));
        }
        for (String derived : rhs.derives()) {
            CriterionCode code = enumOrNull(CriterionCode.class, derived);
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
        if (d instanceof ConditionalElementDescr ce) {
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
        List<String> keys = splitKeys(annotation(r, "evidence"));
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
        List<RuleInfo.Offer> offers = declared(f, r, "offers", Strength.class, RuleInfo.Offer::new, problems);
        List<RuleInfo.Limit> limits = declared(f, r, "limits", StrengthLimit.Kind.class, RuleInfo.Limit::new, problems);
        checkDeclarations(f, lines, r, offers, limits, problems);
        List<Requirement> reqs = new ArrayList<>();
        boolean fullyRead = collect(r.getLhs(), false, reqs);
        String layer = f.path().contains("/") ? f.path().substring(0, f.path().indexOf('/')) : "";
        RuleInfo info = new RuleInfo(id, r.getName(), f.path(), r.getLine(), layer, keys, comment,
            offers, limits, reqs, RuleConditions.asWritten(r));
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
                Optional<List<Requirement>> read = requirements(c.getText() != null ? c.getText() : c.toString());
                if (read.isEmpty()) {
                    full = false;
                } else {
                    reqs.addAll(read.get());
                }
            }
            if (negated) {
                // not Criteria( a ) is the requirement "not a"; not Criteria( a, b ) is no conjunction of requirements
                Optional<CriterionPredicate> opposite = reqs.size() == 1 && full ? reqs.get(0).predicate().negated() : Optional.empty();
                if (opposite.isEmpty()) {
                    return false;
                }
                out.add(new Requirement(reqs.get(0).code(), opposite.get()));
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
     * {@code null} when it is anything else, or several (then the rule's conditions are not fully read).
     */
    static Requirement requirement(String condition) {
        List<Requirement> read = requirements(condition).orElse(List.of());
        return read.size() == 1 ? read.get(0) : null;
    }

    /**
     * The requirements of one constraint of a {@code Criteria(…)} pattern, read as a Java expression: a conjunction
     * ({@code &&}) of calls {@code p(CriterionCode.X)} where {@code p} is a {@link CriterionPredicate#method()}, each
     * possibly negated ({@code !met(…)}, read as {@link CriterionPredicate#negated()}). Empty when the constraint is
     * anything else ({@code ||}, a comparison, an unknown code, {@code !unknown(…)}).
     */
    static Optional<List<Requirement>> requirements(String constraint) {
        ParseResult<Expression> parsed = JAVA.parseExpression(constraint.trim());
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return Optional.empty();
        }
        List<Requirement> out = new ArrayList<>();
        return conjunction(parsed.getResult().get(), out) ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    private static boolean conjunction(Expression e, List<Requirement> out) {
        if (e instanceof EnclosedExpr en) {
            return conjunction(en.getInner(), out);
        }
        if (e instanceof BinaryExpr b) {
            return b.getOperator() == BinaryExpr.Operator.AND && conjunction(b.getLeft(), out) && conjunction(b.getRight(), out);
        }
        boolean negated = false;
        while (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            negated = !negated;
            e = u.getExpression();
        }
        while (e instanceof EnclosedExpr en) {
            e = en.getInner();
        }
        if (!(e instanceof MethodCallExpr call) || call.getScope().isPresent() || call.getArguments().size() != 1
            || !(call.getArgument(0) instanceof FieldAccessExpr arg) || !(arg.getScope() instanceof NameExpr type)
            || !type.getNameAsString().equals("CriterionCode")) {
            return false;
        }
        CriterionCode code = enumOrNull(CriterionCode.class, arg.getNameAsString());
        Optional<CriterionPredicate> predicate = CriterionPredicate.ofMethod(call.getNameAsString());
        if (negated) {
            predicate = predicate.flatMap(CriterionPredicate::negated);
        }
        if (code == null || predicate.isEmpty()) {
            return false;
        }
        out.add(new Requirement(code, predicate.get()));
        return true;
    }

    /** The consequence of {@code r} as a syntax tree, or empty when it has none that reads as Java. */
    private static Optional<RuleConsequence> consequence(RuleDescr r) {
        return r.getConsequence() == null ? Optional.empty() : RuleConsequence.read(r.getConsequence().toString());
    }

    /**
     * The entries of {@code @offers} or {@code @limits} ("THERAPY:STRENGTH, THERAPY:STRENGTH"), parsed into typed
     * values; each entry that does not parse is a problem.
     */
    private static <K extends Enum<K>, T> List<T> declared(RuleSource.DrlFile f, RuleDescr r, String annotation, Class<K> kind,
                                                        BiFunction<Therapy, K, T> make, List<RuleProblem> problems) {
        String value = annotation(r, annotation);
        if (value == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        List<String> entries = Arrays.stream(value.split(",")).map(String::trim).toList();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            Therapy t = colon < 0 ? null : enumOrNull(Therapy.class, entry.substring(0, colon).trim());
            K k = colon < 0 ? null : enumOrNull(kind, entry.substring(colon + 1).trim());
            if (t == null || k == null) {
                problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName() + "\": @" + annotation + " entry \"" + entry
                    + "\" is not THERAPY:" + (kind == Strength.class ? "STRENGTH" : "KIND") + " ("
                    + (t == null ? "therapies: " + Arrays.toString(Therapy.values()) : kind.getSimpleName() + ": "
                    + Arrays.toString(kind.getEnumConstants())) + ")"));
                continue;
            }
            T v = make.apply(t, k);
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    /**
     * What a rule declares it offers ({@code @offers}) and limits ({@code @limits}) against what its consequence
     * inserts: every {@code Candidate.of} / {@code StrengthLimit.of} whose therapy and strength are constants must be
     * declared; one with a therapy that is not a constant (a loop, a bound variable) is accepted when its strength is
     * declared for some therapy; a declared entry no insert can produce, and an insert without any declaration, are
     * problems (the catalogue, the why-not explanations and the rule docs would not know the rule).
     */
    private static void checkDeclarations(RuleSource.DrlFile f, String[] lines, RuleDescr r, List<RuleInfo.Offer> offers,
                                          List<RuleInfo.Limit> limits, List<RuleProblem> problems) {
        String body = r.getConsequence() == null ? "" : r.getConsequence().toString();
        Optional<RuleConsequence> rhs = consequence(r);
        int thenLine = consequenceStart(lines, r, body);
        if (rhs.isEmpty()) {
            if (!offers.isEmpty() || !limits.isEmpty() || body.contains("Candidate") || body.contains("StrengthLimit")) {
                problems.add(new RuleProblem(f.path(), thenLine, "rule \"" + r.getName() + "\": its consequence cannot be read as "
                    + "Java, so what it offers or limits cannot be checked against its @offers / @limits"));
            }
            return;
        }
        check(f, r, thenLine, rhs.get(), false, offers.stream().map(o -> new Declared(o.therapy(), o.strength().name())).toList(),
            problems);
        check(f, r, thenLine, rhs.get(), true, limits.stream().map(l -> new Declared(l.therapy(), l.kind().name())).toList(),
            problems);
    }

    private record Declared(Therapy therapy, String strength) {
        @Override
        public String toString() {
            return therapy + ":" + strength;
        }
    }

    private static void check(RuleSource.DrlFile f, RuleDescr r, int thenLine, RuleConsequence rhs, boolean limit,
                              List<Declared> declared, List<RuleProblem> problems) {
        String annotation = limit ? "@limits" : "@offers";
        String what = limit ? "a StrengthLimit" : "a Candidate";
        String example = limit ? "@limits(\"SURGERY:AT_MOST_CONSIDER\")" : "@offers(\"PRRT:RECOMMENDED\")";
        List<RuleConsequence.Insert> inserts = rhs.inserts().stream().filter(i -> i.limit() == limit).toList();
        if (inserts.isEmpty()) {
            if (!declared.isEmpty()) {
                problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName() + "\" declares " + annotation + declared
                    + " but its consequence inserts no " + (limit ? "StrengthLimit" : "Candidate")));
            }
            return;
        }
        for (RuleConsequence.Insert i : inserts) {
            int line = thenLine + i.line() - 1;
            if (declared.isEmpty()) {
                problems.add(new RuleProblem(f.path(), line, "rule \"" + r.getName() + "\" inserts " + what + " but declares no "
                    + annotation + ": add e.g. " + example + " listing every therapy and " + (limit ? "kind" : "strength")
                    + " it can insert, so that the catalogue and the why-not explanations know it"));
                continue;
            }
            boolean covered = declared.stream().anyMatch(d -> i.therapy().map(t -> t.equals(d.therapy().name())).orElse(true)
                && i.strength().map(s -> s.equals(d.strength())).orElse(true));
            // a misspelt constant is the rule policy's (and the compiler's) to report, with the name meant
            boolean misspelt = i.therapy().map(t -> enumOrNull(Therapy.class, t) == null).orElse(false)
                || i.strength().map(s -> (limit ? enumOrNull(StrengthLimit.Kind.class, s) : enumOrNull(Strength.class, s)) == null)
                .orElse(false);
            if (!covered && !misspelt) {
                problems.add(new RuleProblem(f.path(), line, "rule \"" + r.getName() + "\" inserts " + what + " "
                    + i.therapy().orElse("(therapy computed)") + ":" + i.strength().orElse("(computed)")
                    + " that its " + annotation + declared + " does not declare"));
            }
        }
        for (Declared d : declared) {
            boolean produced = inserts.stream().anyMatch(i -> i.therapy().map(t -> t.equals(d.therapy().name())).orElse(true)
                && i.strength().map(s -> s.equals(d.strength())).orElse(true));
            if (!produced) {
                problems.add(new RuleProblem(f.path(), r.getLine(), "rule \"" + r.getName() + "\" declares " + annotation + " entry "
                    + d + " that its consequence never inserts"));
            }
        }
    }

    /** The file line of the consequence's first line (the line of {@code then}, or the line Drools reports). */
    private static int consequenceStart(String[] lines, RuleDescr r, String body) {
        int at = r.getConsequenceLine() > 0 ? r.getConsequenceLine() : r.getLine();
        String probe = body.strip();
        if (probe.isEmpty()) {
            return at;
        }
        String firstLine = probe.lines().findFirst().orElse("").strip();
        int leading = (int) body.substring(0, body.indexOf(probe)).chars().filter(ch -> ch == '\n').count();
        for (int i = Math.max(0, r.getLine() - 1); i < lines.length; i++) {
            if (lines[i].contains(firstLine)) {
                return i + 1 - leading;
            }
        }
        return at;
    }

    /** "A, B" or "A,B" into [A, B]; null into []. */
    static List<String> splitKeys(Object value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(value.toString())).filter(s -> !s.isEmpty()).toList();
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

    /**
     * Every rule of the folder, in file order (files sorted by path).
     * @return the rules
     */
    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * Hygiene problems (parse errors, missing or duplicate ids, unknown evidence, writes to facts).
     * @return the problems, empty when the folder is clean
     */
    public List<RuleProblem> problems() {
        return problems;
    }

    /**
     * The rule with {@code @id} {@code id}.
     * @param id a rule's {@code @id}
     * @return the rule, or empty when no rule has that id
     */
    public Optional<RuleInfo> byId(String id) {
        return rules.stream().filter(r -> id.equals(r.id())).findFirst();
    }

    /**
     * True when every condition of {@code rule} was read as a criterion requirement, so that
     * {@link RuleInfo#requirements()} is exactly what the rule asks; false when it also has conditions the catalogue
     * does not read (e.g. {@code or}, {@code from}, a constrained pattern on another fact type).
     * @param rule a rule of this catalogue
     * @return whether its requirements are all its conditions
     */
    public boolean conditionsFullyRead(RuleInfo rule) {
        return !partiallyRead.contains(rule);
    }

    /**
     * The rules that offer {@code therapy} (RECOMMENDED or CONSIDER), in file order.
     * @param therapy a therapy
     * @return the offering rules, possibly none
     */
    public List<RuleInfo> offering(Therapy therapy) {
        return rules.stream().filter(r -> r.offering(therapy).isPresent()).toList();
    }
}

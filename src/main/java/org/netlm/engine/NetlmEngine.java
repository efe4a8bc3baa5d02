package org.netlm.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.netlm.catalog.EvidenceRegistry;
import org.netlm.catalog.KnowledgeVersion;
import org.netlm.catalog.Requirement;
import org.netlm.catalog.RuleCatalog;
import org.netlm.catalog.RuleInfo;
import org.netlm.catalog.RuleSet;
import org.netlm.catalog.RuleSource;
import org.netlm.explain.Explainer;
import org.netlm.explain.Firing;
import org.netlm.model.Assessment;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;
import org.netlm.model.Findings;
import org.netlm.model.PatientCase;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;
import org.netlm.model.explanation.Explanations;
import org.netlm.model.fact.Candidate;
import org.netlm.model.fact.Criteria;
import org.netlm.model.fact.CriteriaCollector;
import org.netlm.model.fact.GradeFinding;
import org.netlm.model.fact.LiverTypeFinding;
import org.netlm.model.fact.StrengthLimit;
import org.netlm.model.fact.TumourBoardNote;
import org.netlm.model.fact.WarningFact;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.PatientValidator;

/**
 * The NETLM rule engine: a compiled knowledge base plus what the rule folder says about its rules.
 * Immutable and thread-safe: the KIE base is compiled once, and every {@link #assess} call uses a
 * session of its own. Sessions come from a pool of the KIE base: a finished session is reset (every fact,
 * match and listener removed) and reused by a later call, which saves building the network memories anew
 * for each patient. A session is never used by two calls at once. To change rules, build a new engine and
 * swap the reference.
 *
 * <pre>{@code
 * NetlmEngine engine = NetlmEngine.withDefaultRules();
 * Assessment a = engine.assess(patientCase);
 * }</pre>
 */
public final class NetlmEngine {
    /** Upper bound on rule firings per patient: a rule edit that loops is stopped, not left spinning. */
    static final int MAX_FIRINGS = 5_000;
    /**
     * Default upper bound on the rules' time for one patient (a normal assessment takes well under a millisecond):
     * a rule that is too slow, or fires without end, gives {@link RuleTimeLimitException} instead of a hung request.
     */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(5);
    /**
     * The global the criterion rules add their criteria to ({@code global CriteriaCollector criteria;} in the DRL);
     * the engine sets a fresh collector before every patient when the rule folder declares it.
     */
    public static final String CRITERIA_GLOBAL = "criteria";

    private static volatile NetlmEngine defaultEngine;

    private final RuleSet rules;
    private final KieSessionsPool sessions;
    private final boolean criteriaGlobal;
    private final Explainer explainer;
    private final Duration timeLimit;
    private final Function<String, List<String>> fieldsOfRule;
    private final Function<String, List<String>> evidenceOfRule;

    private NetlmEngine(RuleSet rules) {
        this.rules = rules;
        this.sessions = rules.kieBase().newKieSessionsPool(1);
        this.criteriaGlobal = declaresCriteriaGlobal(rules.kieBase());
        this.explainer = new Explainer(rules.catalog());
        this.fieldsOfRule = fieldsOfRules(rules.catalog());
        this.evidenceOfRule = evidenceOfRules(rules.catalog());
        this.timeLimit = DEFAULT_TIME_LIMIT;
    }

    /** The same rules (and the same compiled base and session pool) with another time limit per patient. */
    private NetlmEngine(NetlmEngine e, Duration timeLimit) {
        this.rules = e.rules;
        this.sessions = e.sessions;
        this.criteriaGlobal = e.criteriaGlobal;
        this.explainer = e.explainer;
        this.fieldsOfRule = e.fieldsOfRule;
        this.evidenceOfRule = e.evidenceOfRule;
        this.timeLimit = timeLimit;
    }

    /**
     * This engine with another time limit for the rules of one {@link #assess} call (default {@link #DEFAULT_TIME_LIMIT}).
     * Shares the compiled rules; cheap.
     *
     * @param limit the longest time the rules may run for one patient
     * @return an engine over the same rules with that limit
     * @throws IllegalArgumentException when {@code limit} is not positive
     */
    public NetlmEngine withTimeLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive: " + limit);
        }
        return new NetlmEngine(this, limit);
    }

    /**
     * The time limit for the rules of one {@link #assess} call.
     *
     * @return the limit; {@link #DEFAULT_TIME_LIMIT} unless set with {@link #withTimeLimit(Duration)}
     */
    public Duration timeLimit() {
        return timeLimit;
    }

    /**
     * The engine over the rules bundled in the jar; built on first use, then shared (it is immutable).
     * Uses the executable model pre-compiled from the bundled rules at build time when the jar has it
     * (no DRL compilation at start-up), else compiles the bundled DRL.
     *
     * @return the shared engine over the bundled rules
     */
    public static NetlmEngine withDefaultRules() {
        NetlmEngine e = defaultEngine;
        if (e == null) {
            synchronized (NetlmEngine.class) {
                e = defaultEngine;
                if (e == null) {
                    e = loadBundled();
                    defaultEngine = e;
                }
            }
        }
        return e;
    }

    /** Builds a new engine over the bundled rules (not cached; {@link #withDefaultRules()} caches one). */
    static NetlmEngine loadBundled() {
        return new NetlmEngine(RuleSet.bundled());
    }

    /**
     * Compiles an edited rule folder (same layout as {@code rules/}).
     *
     * @param dir the rule folder: {@code .drl} files in sub-folders, {@code evidence.json} and {@code knowledge.json}
     * @return a new engine over the folder's rules
     * @throws RuleCompilationException listing every problem (file, line, message) when the folder does not
     *                                  compile, breaks rule hygiene, or lacks a valid {@code evidence.json} or
     *                                  {@code knowledge.json}; nothing half-built is returned
     * @throws UncheckedIOException     when the folder cannot be read
     */
    public static NetlmEngine fromDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            return fromSource(RuleSource.fromDirectory(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read rule folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Compiles a rule source with the DRL compiler; all checks pass before the engine exists.
     *
     * @param source the rule files, evidence registry and knowledge version, e.g. read with {@link RuleSource#fromDirectory}
     * @return a new engine over the source's rules
     * @throws RuleCompilationException listing every problem when the source cannot be used
     */
    public static NetlmEngine fromSource(RuleSource source) {
        return new NetlmEngine(RuleSet.load(source));
    }

    /**
     * An engine over a loaded rule set (shares its compiled base).
     * @param rules a rule set from {@link RuleSet#load}
     * @return the engine
     */
    public static NetlmEngine of(RuleSet rules) {
        return new NetlmEngine(Objects.requireNonNull(rules, "rules"));
    }

    /** The names of every rule of {@code base}, sorted. */
    static Set<String> ruleNames(KieBase base) {
        return RuleSet.ruleNames(base);
    }

    /**
     * Assesses one patient. Thread-safe; the input is validated first and never modified.
     *
     * @param patient the case to assess
     * @return the recommendations with their rationale and evidence, findings, warnings and fired rules; explanations
     *         are built on first use
     * @throws InvalidPatientException listing every violation when the case is invalid
     * @throws RuleTimeLimitException  when the rules run longer than {@link #timeLimit()}
     */
    public Assessment assess(PatientCase patient) {
        return assess(patient, AssessOptions.DEFAULT);
    }

    /**
     * Assesses one patient with options (e.g. {@link AssessOptions#withoutExplanations()} for bulk runs).
     * Thread-safe; the input is validated first and never modified.
     *
     * @param patient the case to assess
     * @param options what to build besides the recommendations
     * @return the assessment, as {@link #assess(PatientCase)} with those options
     * @throws InvalidPatientException listing every violation when the case is invalid
     * @throws RuleTimeLimitException  when the rules run longer than {@link #timeLimit()}
     */
    public Assessment assess(PatientCase patient, AssessOptions options) {
        Objects.requireNonNull(options, "options");
        PatientValidator.requireValid(patient);
        FiringRecorder recorder = new FiringRecorder();
        TimeLimit clock = new TimeLimit(timeLimit.toNanos());
        // Keep the default thread-safe session option: with ThreadSafeOption.NO the executable model's
        // consequences reuse one argument array per rule across all sessions of the KIE base, and
        // concurrent assessments corrupt each other (seen as NullPointerExceptions on 2 threads).
        KieSession session = sessions.newKieSession();
        try {
            session.addEventListener(recorder.agendaListener);
            session.addEventListener(recorder.runtimeListener); // always: it collects the facts (no getObjects query)
            session.addEventListener(clock);
            if (criteriaGlobal) {
                session.setGlobal(CRITERIA_GLOBAL, new CriteriaCollector()); // a fresh one per patient
            }
            session.insert(patient);
            int fired = session.fireAllRules(MAX_FIRINGS);
            if (clock.exceeded()) {
                throw new RuleTimeLimitException("Rules ran longer than the time limit of " + timeLimit.toMillis()
                    + " ms for one patient (" + fired + " firings, then halted): a rule in " + rules.sourceName()
                    + " is too slow or loops; most fired: " + recorder.mostFired(), timeLimit);
            }
            if (fired >= MAX_FIRINGS) {
                throw new IllegalStateException("Rules fired " + fired + " times for one patient (limit " + MAX_FIRINGS
                    + "): a rule in " + rules.sourceName() + " loops; most fired: " + recorder.mostFired());
            }
        } finally {
            session.removeEventListener(recorder.agendaListener);
            session.removeEventListener(recorder.runtimeListener);
            session.removeEventListener(clock);
            session.dispose(); // back to the pool, reset
        }
        // The recorder saw every insert (and delete), routed by kind: the session's derived facts.
        return assemble(patient, recorder.output(), recorder.fired(), options);
    }

    private static boolean declaresCriteriaGlobal(KieBase kieBase) {
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Global g : pkg.getGlobalVariables()) {
                if (CRITERIA_GLOBAL.equals(g.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Turns what a recorder saw in a session the caller ran itself into the assessment (for benchmarks). */
    Assessment collect(PatientCase patient, FiringRecorder recorder, AssessOptions options) {
        return assemble(patient, recorder.output(), recorder.fired(), options);
    }

    /** The assessment from what the rules derived: findings, resolved recommendations, warnings, explanations on demand. */
    private Assessment assemble(PatientCase patient, RuleOutput out, List<String> fired, AssessOptions options) {
        // a rule folder without the criteria-gathering rules, or a session stopped early, leaves no Criteria fact
        Criteria criteria = out.criteria != null ? out.criteria : Criteria.of(List.of());
        Findings findings = findings(out, criteria);
        List<Candidate> candidates = out.candidates;
        List<StrengthLimit> limits = out.limits;
        // Deterministic order whatever the session's internal fact order.
        candidates.sort(Comparator.comparing((Candidate c) -> c.getTherapy()).thenComparing(Candidate::getRuleId)
            .thenComparing(Candidate::getStrength));
        limits.sort(Comparator.comparing((StrengthLimit l) -> l.getTherapy()).thenComparing(StrengthLimit::getRuleId));
        // Each warning code at most once per assessment (decision-model.md §3); a deterministic message when two facts
        // carry the same code.
        List<Warning> warnings = new ArrayList<>();
        EnumSet<WarningCode> seen = EnumSet.noneOf(WarningCode.class);
        List<WarningFact> warningFacts = out.warnings;
        warningFacts.sort(Comparator.comparing(WarningFact::getCode).thenComparing(WarningFact::getMessage));
        for (WarningFact w : warningFacts) {
            if (seen.add(w.getCode())) {
                warnings.add(new Warning(w.getCode(), w.getMessage()));
            }
        }
        List<String> boardNotes = out.boardNotes.stream().map(TumourBoardNote::getReason).sorted().distinct().toList();
        Resolver.Context context = new Resolver.Context(Collections.unmodifiableSet(seen),
            criteria.met(CriterionCode.NET) && criteria.met(CriterionCode.FUNCTIONAL), shrinkageNeeded(criteria),
            boardNotes, fieldsOfRule, evidenceOfRule);
        Resolver.Result resolved = Resolver.resolve(candidates, limits, rules.evidence(), CaseSummary.of(patient, findings), context);
        if (!resolved.conflicts().isEmpty() && !seen.contains(WarningCode.CONFLICTING_RECOMMENDATIONS)) {
            warnings.add(Resolver.conflictWarning(resolved.conflicts()));
        }
        String version = rules.rulesetVersion();
        String knowledge = rules.knowledge().version();
        if (!options.explanations()) {
            return new Assessment(patient.getId(), version, knowledge, findings, resolved.recommendations(), warnings,
                fired, criteria.all(), Assessment.DISCLAIMER, Explanations.NONE);
        }
        // Explained on first use: everything the firing holds is final here (the session is back in the pool, these
        // lists belong to this call only and are not changed again).
        Firing firing = new Firing(criteria, candidates, limits, resolved.recommendations(), resolved.applied(), fired);
        return Assessment.explainedOnDemand(patient.getId(), version, knowledge, findings, resolved.recommendations(), warnings,
            fired, criteria.all(), Assessment.DISCLAIMER, explainer.onDemand(firing));
    }

    /**
     * The findings as the rules derived them: the scope from the criterion NET (MET: NET, UNMET: NEC; none when no rule
     * derived it), the others from their finding facts.
     */
    private static Findings findings(RuleOutput out, Criteria criteria) {
        CriterionState net = criteria.state(CriterionCode.NET);
        GradeFinding grade = out.grade;
        LiverTypeFinding liver = out.liverType;
        return new Findings(
            net == CriterionState.MET ? "NET" : net == CriterionState.UNMET ? "NEC" : null,
            grade == null ? null : grade.getGrade(),
            grade == null ? null : grade.getSource(),
            liver == null ? null : liver.getType(),
            liver == null || liver.getType() == null ? null : liver.isDerived(),
            out.resectability == null ? null : out.resectability.getValue(),
            out.burden == null ? null : out.burden.getBurden(),
            out.fitness == null ? null : out.fitness.isFit());
    }

    /**
     * Shrinkage needed (decision-model.md §2, Order of recommendations): a pancreatic G1/G2 NET that is progressive and
     * symptomatic or of HIGH tumour burden.
     */
    private static boolean shrinkageNeeded(Criteria c) {
        return c.met(CriterionCode.NET) && c.met(CriterionCode.PANCREATIC_PRIMARY) && c.met(CriterionCode.GRADE_G1_G2)
            && c.met(CriterionCode.PROGRESSIVE) && (c.met(CriterionCode.SYMPTOMATIC) || c.met(CriterionCode.BURDEN_HIGH));
    }

    /** The {@code @evidence} keys of each rule, by rule id, as the catalogue read them. */
    private static Function<String, List<String>> evidenceOfRules(RuleCatalog catalog) {
        Map<String, List<String>> byId = new HashMap<>();
        for (RuleInfo r : catalog.rules()) {
            if (r.id() != null) {
                byId.putIfAbsent(r.id(), r.evidenceKeys());
            }
        }
        return id -> byId.getOrDefault(id, List.of());
    }

    /**
     * The input fields that decide a rule's conditions, by rule id, read from the catalogue (the criterion NET left out
     * unless it is the rule's only condition): the field a CONFLICTING_RECOMMENDATIONS message asks to verify.
     */
    private static Function<String, List<String>> fieldsOfRules(RuleCatalog catalog) {
        Map<String, List<String>> byId = new HashMap<>();
        for (RuleInfo r : catalog.rules()) {
            if (r.id() == null) {
                continue;
            }
            Set<String> fields = new LinkedHashSet<>();
            for (Requirement q : r.requirements()) {
                if (q.code() != CriterionCode.NET) {
                    fields.addAll(q.code().fields());
                }
            }
            if (fields.isEmpty()) {
                r.requirements().forEach(q -> fields.addAll(q.code().fields()));
            }
            byId.putIfAbsent(r.id(), List.copyOf(fields));
        }
        return id -> byId.getOrDefault(id, List.of());
    }


    /**
     * Version of the rule set: the library version plus a digest of the rule folder's files (every {@code .drl}
     * file, {@code evidence.json} and {@code knowledge.json}), e.g. {@code 0.1.0+519f990093e8}. It changes with any
     * edit; {@link #knowledgeVersion()} changes only when the folder declares a new version of its knowledge.
     *
     * @return the rule-set version
     */
    public String rulesetVersion() {
        return rules.rulesetVersion();
    }

    /**
     * The semantic version of the clinical knowledge the rule folder declares in {@code knowledge.json}, e.g.
     * {@code 2.0.0} for decision model version 2; reported by every assessment as {@code knowledgeVersion}.
     *
     * @return the knowledge version
     */
    public String knowledgeVersion() {
        return rules.knowledge().version();
    }

    /** {@return what the rule folder's {@code knowledge.json} declares: version, date, and the decision model it encodes} */
    public KnowledgeVersion knowledge() {
        return rules.knowledge();
    }

    /** {@return what the rule folder says about each rule (ids, evidence, files, lines, criteria)} */
    public RuleCatalog catalog() {
        return rules.catalog();
    }

    /** {@return the citations the rules' {@code @evidence} keys refer to (the folder's {@code evidence.json})} */
    public EvidenceRegistry evidence() {
        return rules.evidence();
    }

    /**
     * The loaded rule set (compiled base, catalogue, evidence, versions).
     * @return the rule set this engine assesses with
     */
    public RuleSet ruleSet() {
        return rules;
    }

    /** {@return where the rules came from ("bundled rules" or the folder)} */
    public String sourceName() {
        return rules.sourceName();
    }

    /** {@return whether the KIE base is the executable model pre-compiled at build time (else compiled from DRL)} */
    public boolean usesPrecompiledRules() {
        return rules.precompiled();
    }

    /** {@return the compiled KIE base (for benchmarks and tools; do not modify it)} */
    public KieBase kieBase() {
        return rules.kieBase();
    }


}

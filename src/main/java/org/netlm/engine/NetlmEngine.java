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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.netlm.catalog.RulePolicy;
import org.netlm.model.Assessment;
import org.netlm.model.CriterionCode;
import org.netlm.model.Findings;
import org.netlm.model.PatientCase;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;
import org.netlm.model.explanation.Explanations;
import org.netlm.model.fact.Candidate;
import org.netlm.model.fact.Criteria;
import org.netlm.model.fact.CriteriaCollector;
import org.netlm.model.fact.FitnessFinding;
import org.netlm.model.fact.GradeFinding;
import org.netlm.model.fact.LiverTypeFinding;
import org.netlm.model.fact.ResectabilityFinding;
import org.netlm.model.fact.StrengthLimit;
import org.netlm.model.fact.TumorBurdenFinding;
import org.netlm.model.fact.TumourBoardNote;
import org.netlm.model.fact.WarningFact;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.PatientValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(NetlmEngine.class);
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

    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final boolean criteriaGlobal;
    private final RuleCatalog catalog;
    private final EvidenceRegistry evidence;
    private final String rulesetVersion;
    private final KnowledgeVersion knowledge;
    private final String sourceName;
    private final boolean precompiled;
    private final Explainer explainer;
    private final Duration timeLimit;
    private final Function<String, List<String>> fieldsOfRule;

    private NetlmEngine(KieBase kieBase, boolean precompiled, RuleCatalog catalog, EvidenceRegistry evidence, String rulesetVersion,
                        KnowledgeVersion knowledge, String sourceName) {
        this.precompiled = precompiled;
        this.kieBase = kieBase;
        this.sessions = kieBase.newKieSessionsPool(1);
        this.criteriaGlobal = declaresCriteriaGlobal(kieBase);
        this.catalog = catalog;
        this.explainer = new Explainer(catalog);
        this.fieldsOfRule = fieldsOfRules(catalog);
        this.evidence = evidence;
        this.rulesetVersion = rulesetVersion;
        this.knowledge = knowledge;
        this.sourceName = sourceName;
        this.timeLimit = DEFAULT_TIME_LIMIT;
    }

    /** The same rules (and the same compiled base and session pool) with another time limit per patient. */
    private NetlmEngine(NetlmEngine e, Duration timeLimit) {
        this.precompiled = e.precompiled;
        this.kieBase = e.kieBase;
        this.sessions = e.sessions;
        this.criteriaGlobal = e.criteriaGlobal;
        this.catalog = e.catalog;
        this.explainer = e.explainer;
        this.fieldsOfRule = e.fieldsOfRule;
        this.evidence = e.evidence;
        this.rulesetVersion = e.rulesetVersion;
        this.knowledge = e.knowledge;
        this.sourceName = e.sourceName;
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
        return build(RuleSource.bundled(), true);
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
        return build(source, false);
    }

    private static NetlmEngine build(RuleSource source, boolean usePrecompiled) {
        long start = System.nanoTime();
        // A rule folder is knowledge, not code: the rule policy reads it before any of it is compiled (the bundled
        // rules are part of the build and pass the policy in its tests, see RulePolicyTest).
        List<RuleProblem> refused = usePrecompiled ? List.of() : policy(source);
        // The KIE base (pre-compiled model or DRL compilation) and the catalogue (a second DRL parse) are
        // independent: build the base on a thread of its own meanwhile (a cold start is mostly class loading).
        FutureTask<KieBase> kieBase = new FutureTask<>(() -> !refused.isEmpty() ? null : usePrecompiled
            ? KieBaseFactory.precompiled().orElse(null) : KieBaseFactory.build(source));
        Thread compiler = new Thread(kieBase, "netlm-rule-compiler");
        compiler.setDaemon(true);
        compiler.start();
        List<RuleProblem> problems = new ArrayList<>(refused);
        EvidenceRegistry evidence = null;
        if (source.evidenceJson() == null) {
            problems.add(new RuleProblem(RuleSource.EVIDENCE_FILE, 0, "the evidence registry is missing from the rule folder"));
        } else {
            try {
                evidence = EvidenceRegistry.parse(source.evidenceJson());
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(RuleSource.EVIDENCE_FILE, 0, "invalid evidence registry: " + e.getMessage()));
            }
        }
        KnowledgeVersion knowledge = null;
        if (source.knowledgeJson() == null) {
            problems.add(new RuleProblem(RuleSource.KNOWLEDGE_FILE, 0, "the knowledge version is missing from the rule folder: add "
                + RuleSource.KNOWLEDGE_FILE + " with \"version\" (e.g. 2.0.0), \"date\" and \"model\""));
        } else {
            try {
                knowledge = KnowledgeVersion.parse(source.knowledgeJson());
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(RuleSource.KNOWLEDGE_FILE, 0, "invalid knowledge version: " + e.getMessage()));
            }
        }
        if (source.drlFiles().isEmpty()) {
            problems.add(new RuleProblem(".", 0, "the rule folder holds no .drl file"));
        }
        RuleCatalog catalog = RuleCatalog.read(source, evidence);
        KieBase base = null;
        try {
            base = await(kieBase);
        } catch (RuleCompilationException e) {
            problems.addAll(0, e.getProblems());
        }
        boolean precompiled = usePrecompiled && base != null && matchesCatalog(base, catalog);
        if (usePrecompiled && !precompiled) {
            try {
                base = KieBaseFactory.build(source);
            } catch (RuleCompilationException e) {
                problems.addAll(0, e.getProblems());
            }
        }
        problems.addAll(catalog.problems());
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(source.name(), dedupe(problems));
        }
        String version = projectVersion() + "+" + source.digest();
        LOG.info("NETLM rules {} (knowledge {}) loaded from {}{}: {} rules in {} ms", version, knowledge.version(), source.name(),
            precompiled ? " (pre-compiled)" : "", catalog.rules().size(), (System.nanoTime() - start) / 1_000_000);
        return new NetlmEngine(base, precompiled, catalog, evidence, version, knowledge, source.name());
    }

    /** The rule policy's violations in {@code source} (docs/rule-policy.md), as rule problems. */
    private static List<RuleProblem> policy(RuleSource source) {
        Map<String, String> files = new LinkedHashMap<>();
        source.drlFiles().forEach(f -> files.put(f.path(), f.content()));
        return RulePolicy.check(files).stream().map(v -> new RuleProblem(v.file(), v.line(), v.message())).toList();
    }

    /** The KIE base built on the compiler thread; its exceptions rethrown as they were. */
    private static KieBase await(FutureTask<KieBase> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while compiling rules", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether the pre-compiled bundled base holds exactly the catalogue's rules (else the DRL is compiled). */
    private static boolean matchesCatalog(KieBase pre, RuleCatalog catalog) {
        Set<String> compiled = ruleNames(pre);
        Set<String> source = new TreeSet<>();
        catalog.rules().forEach(r -> source.add(r.name()));
        if (!compiled.equals(source)) {
            LOG.warn("The pre-compiled rules do not match the bundled DRL ({} vs {} rules): compiling the DRL instead",
                compiled.size(), source.size());
            return false;
        }
        return true;
    }

    static Set<String> ruleNames(KieBase base) {
        Set<String> names = new TreeSet<>();
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                names.add(r.getName());
            }
        }
        return names;
    }

    private static List<RuleProblem> dedupe(List<RuleProblem> problems) {
        return problems.stream().distinct().toList();
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
                    + " ms for one patient (" + fired + " firings, then halted): a rule in " + sourceName
                    + " is too slow or loops; most fired: " + recorder.mostFired(), timeLimit);
            }
            if (fired >= MAX_FIRINGS) {
                throw new IllegalStateException("Rules fired " + fired + " times for one patient (limit " + MAX_FIRINGS
                    + "): a rule in " + sourceName + " loops; most fired: " + recorder.mostFired());
            }
        } finally {
            session.removeEventListener(recorder.agendaListener);
            session.removeEventListener(recorder.runtimeListener);
            session.removeEventListener(clock);
            session.dispose(); // back to the pool, reset
        }
        // The recorder saw every insert (and delete): its fact list is the session's working memory.
        return collect(patient, recorder.facts(), recorder, options);
    }

    private static boolean declaresCriteriaGlobal(KieBase kieBase) {
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (org.kie.api.definition.rule.Global g : pkg.getGlobalVariables()) {
                if (CRITERIA_GLOBAL.equals(g.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Turns the facts a session ended with, and its firing record, into the assessment. */
    Assessment collect(PatientCase patient, List<Object> facts, FiringRecorder recorder, AssessOptions options) {
        GradeFinding grade = null;
        LiverTypeFinding liver = null;
        ResectabilityFinding resect = null;
        TumorBurdenFinding burden = null;
        FitnessFinding fitness = null;
        List<Candidate> candidates = new ArrayList<>();
        List<StrengthLimit> limits = new ArrayList<>();
        List<WarningFact> warningFacts = new ArrayList<>();
        List<String> boardNotes = new ArrayList<>();
        Criteria criteria = null;
        for (Object o : facts) {
            if (o instanceof Candidate c) {
                candidates.add(c);
            } else if (o instanceof Criteria c) {
                criteria = c;
            } else if (o instanceof StrengthLimit l) {
                limits.add(l);
            } else if (o instanceof WarningFact w) {
                warningFacts.add(w);
            } else if (o instanceof TumourBoardNote n) {
                boardNotes.add(n.getReason());
            } else if (o instanceof GradeFinding g) {
                grade = g;
            } else if (o instanceof LiverTypeFinding l) {
                liver = l;
            } else if (o instanceof ResectabilityFinding r) {
                resect = r;
            } else if (o instanceof TumorBurdenFinding b) {
                burden = b;
            } else if (o instanceof FitnessFinding f) {
                fitness = f;
            }
        }
        Findings findings = new Findings(
            patient.getDifferentiation() == org.netlm.model.Differentiation.POOR ? "NEC" : "NET",
            grade == null ? null : grade.getGrade(),
            grade == null ? null : grade.getSource(),
            liver == null ? null : liver.getType(),
            liver == null || liver.getType() == null ? null : liver.isDerived(),
            resect == null ? null : resect.getValue(),
            burden == null ? null : burden.getBurden(),
            fitness == null ? null : fitness.isFit());
        // Deterministic order whatever the session's internal fact order.
        candidates.sort(Comparator.comparing((Candidate c) -> c.getTherapy()).thenComparing(Candidate::getRuleId)
            .thenComparing(Candidate::getStrength));
        limits.sort(Comparator.comparing((StrengthLimit l) -> l.getTherapy()).thenComparing(StrengthLimit::getRuleId));
        if (criteria == null) { // a rule folder without the criteria-gathering rules, or a session stopped early
            criteria = Criteria.of(List.of());
        }
        // Each warning code at most once per assessment (decision-model.md §3); a deterministic message when two facts
        // carry the same code.
        List<Warning> warnings = new ArrayList<>();
        EnumSet<WarningCode> seen = EnumSet.noneOf(WarningCode.class);
        warningFacts.sort(Comparator.comparing(WarningFact::getCode).thenComparing(WarningFact::getMessage));
        for (WarningFact w : warningFacts) {
            if (seen.add(w.getCode())) {
                warnings.add(new Warning(w.getCode(), w.getMessage()));
            }
        }
        boardNotes.sort(null);
        Resolver.Context context = new Resolver.Context(Collections.unmodifiableSet(seen),
            criteria.met(CriterionCode.NET) && criteria.met(CriterionCode.FUNCTIONAL), shrinkageNeeded(criteria),
            boardNotes.stream().distinct().toList(), fieldsOfRule);
        Resolver.Result resolved = Resolver.resolve(candidates, limits, evidence, CaseSummary.of(patient, findings), context);
        if (!resolved.conflicts().isEmpty() && !seen.contains(WarningCode.CONFLICTING_RECOMMENDATIONS)) {
            warnings.add(Resolver.conflictWarning(resolved.conflicts()));
        }
        if (!options.explanations()) {
            return new Assessment(patient.getId(), rulesetVersion, knowledge.version(), findings, resolved.recommendations(), warnings,
                recorder.fired(), criteria.all(), Assessment.DISCLAIMER, Explanations.NONE);
        }
        // Explained on first use: everything the explainer reads is final here (the session is back in the pool,
        // these lists belong to this call only and are not changed again).
        Criteria finalCriteria = criteria;
        List<String> fired = recorder.fired();
        return Assessment.explainedOnDemand(patient.getId(), rulesetVersion, knowledge.version(), findings, resolved.recommendations(), warnings,
            fired, criteria.all(), Assessment.DISCLAIMER,
            () -> explainer.explain(finalCriteria, candidates, limits, resolved, fired));
    }

    /**
     * Shrinkage needed (decision-model.md §2, Order of recommendations): a pancreatic G1/G2 NET that is progressive and
     * symptomatic or of HIGH tumour burden.
     */
    private static boolean shrinkageNeeded(Criteria c) {
        return c.met(CriterionCode.NET) && c.met(CriterionCode.PANCREATIC_PRIMARY) && c.met(CriterionCode.GRADE_G1_G2)
            && c.met(CriterionCode.PROGRESSIVE) && (c.met(CriterionCode.SYMPTOMATIC) || c.met(CriterionCode.BURDEN_HIGH));
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
        return rulesetVersion;
    }

    /**
     * The semantic version of the clinical knowledge the rule folder declares in {@code knowledge.json}, e.g.
     * {@code 2.0.0} for decision model version 2; reported by every assessment as {@code knowledgeVersion}.
     *
     * @return the knowledge version
     */
    public String knowledgeVersion() {
        return knowledge.version();
    }

    /** {@return what the rule folder's {@code knowledge.json} declares: version, date, and the decision model it encodes} */
    public KnowledgeVersion knowledge() {
        return knowledge;
    }

    /** {@return what the rule folder says about each rule (ids, evidence, files, lines, criteria)} */
    public RuleCatalog catalog() {
        return catalog;
    }

    /** {@return the citations the rules' {@code @evidence} keys refer to (the folder's {@code evidence.json})} */
    public EvidenceRegistry evidence() {
        return evidence;
    }

    /** {@return where the rules came from ("bundled rules" or the folder)} */
    public String sourceName() {
        return sourceName;
    }

    /** {@return whether the KIE base is the executable model pre-compiled at build time (else compiled from DRL)} */
    public boolean usesPrecompiledRules() {
        return precompiled;
    }

    /** {@return the compiled KIE base (for benchmarks and tools; do not modify it)} */
    public KieBase kieBase() {
        return kieBase;
    }

    private static String projectVersion() {
        Properties p = new Properties();
        try (var in = NetlmEngine.class.getResourceAsStream("/org/netlm/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            LOG.debug("No version.properties", e);
        }
        return p.getProperty("version", "dev");
    }
}

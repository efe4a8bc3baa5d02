package org.netlm.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.netlm.engine.RuleCompilationException;
import org.netlm.engine.RuleProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded rule set, the one value every loader ({@code --rules}, {@code fromDirectory}, the bundled rules, serve,
 * workbench) gets: the compiled KIE base, what the rule folder says about each rule (the catalogue), the evidence
 * registry, the knowledge version, the rule-set version (library version plus the folder's digest), where it came from,
 * and whether the base is the executable model pre-compiled at build time. Only {@link #load} builds one, after
 * every check has passed; nothing half-built is returned.
 *
 * @param kieBase        the compiled rules
 * @param catalog        what the rule folder says about each rule
 * @param evidence       the evidence registry of the folder
 * @param knowledge      what the folder's {@code knowledge.json} declares
 * @param rulesetVersion the library version plus a digest of the folder, e.g. {@code 0.1.0+519f990093e8}
 * @param sourceName     where the rules came from ("bundled rules" or the folder)
 * @param precompiled    whether {@code kieBase} is the pre-compiled executable model (else compiled from the DRL)
 */
public record RuleSet(KieBase kieBase, RuleCatalog catalog, EvidenceRegistry evidence, KnowledgeVersion knowledge,
                      String rulesetVersion, String sourceName, boolean precompiled) {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSet.class);

    /**
     * Checks that the base, catalogue, evidence and knowledge version are given.
     * @param kieBase the compiled rules sessions are opened on
     * @param catalog what the rule folder says about each rule
     * @param evidence the evidence registry of the folder
     * @param knowledge what the folder's {@code knowledge.json} declares
     * @param rulesetVersion the library version plus a digest of the folder
     * @param sourceName where the rules came from
     * @param precompiled whether {@code kieBase} is the pre-compiled executable model
     * @throws NullPointerException when the base, catalogue, evidence or knowledge version is null
     */
    public RuleSet {
        Objects.requireNonNull(kieBase, "kieBase");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(knowledge, "knowledge");
    }

    /**
     * The rules bundled in the jar: the pre-compiled executable model when the jar has it and it matches the DRL.
     * @return the bundled rule set
     */
    public static RuleSet bundled() {
        return load(RuleSource.bundled(), true);
    }

    /**
     * Loads {@code source} with the DRL compiler, after the rule policy (docs/rule-policy.md) has read it.
     *
     * @param source a rule folder's text
     * @return the loaded rule set
     * @throws RuleCompilationException listing every problem (file, line, message) when the folder breaks the policy,
     *                                  does not compile, breaks rule hygiene, or lacks a valid {@code evidence.json} or
     *                                  {@code knowledge.json}
     */
    public static RuleSet load(RuleSource source) {
        return load(source, false);
    }

    private static RuleSet load(RuleSource source, boolean usePrecompiled) {
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
        // The bundled rules' catalogue was read at build time from the same text (checked by its digest).
        RuleCatalog stored = usePrecompiled ? RuleCatalog.precompiled(source).orElse(null) : null;
        RuleCatalog catalog = stored != null ? stored : RuleCatalog.read(source, evidence);
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
            throw new RuleCompilationException(source.name(), problems.stream().distinct().toList());
        }
        String version = projectVersion() + "+" + source.digest();
        LOG.info("NETLM rules {} (knowledge {}) loaded from {}{}: {} rules in {} ms", version, knowledge.version(), source.name(),
            precompiled ? " (pre-compiled)" : "", catalog.rules().size(), (System.nanoTime() - start) / 1_000_000);
        return new RuleSet(base, catalog, evidence, knowledge, version, source.name(), precompiled);
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

    /**
     * The names of every rule of {@code base}, sorted.
     * @param base a compiled rule base
     * @return the rule names of every package
     */
    public static Set<String> ruleNames(KieBase base) {
        Set<String> names = new TreeSet<>();
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                names.add(r.getName());
            }
        }
        return names;
    }

    private static String projectVersion() {
        Properties p = new Properties();
        try (var in = RuleSet.class.getResourceAsStream("/org/netlm/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            LOG.debug("No version.properties", e);
        }
        return p.getProperty("version", "dev");
    }
}

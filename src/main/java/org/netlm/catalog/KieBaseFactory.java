package org.netlm.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.netlm.engine.RuleCompilationException;
import org.netlm.engine.RuleProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles DRL text into a {@link KieBase} with the classic DRL compiler (whose messages name file,
 * line and rule). A build with any error is refused as a whole, and its errors reach the caller only
 * (Drools logs none of them).
 *
 * <p>The bundled rules are also pre-compiled at build time into the Drools executable model
 * (kie-maven-plugin, see pom.xml); {@link #precompiled()} loads that model without compiling any DRL.
 */
final class KieBaseFactory {
    private static final Logger LOG = LoggerFactory.getLogger(KieBaseFactory.class);

    private KieBaseFactory() {
    }

    static KieBase build(RuleSource source) {
        // A KnowledgeBuilder rather than KieServices/KieBuilder.buildAll: the KieBuilder path logs every compile error
        // (and warning) of a rule folder at ERROR through Drools' own logger (AbstractKieProject: "Unable to build
        // KieBaseModel"), into the log of the application that embeds this library, although the errors are reported
        // to the caller in RuleCompilationException. This path reports them only as results, reads no kmodule.xml
        // (no XML support needed) and registers nothing in the KIE repository.
        KieServices ks = KieServices.Factory.get();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
            KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(KieBaseFactory.class.getClassLoader()));
        CompositeKnowledgeBuilder batch = builder.batch(); // one batch: declarations and functions resolve across files
        for (RuleSource.DrlFile f : source.drlFiles()) {
            batch.add(ks.getResources().newByteArrayResource(f.content().getBytes(StandardCharsets.UTF_8))
                .setSourcePath(f.path()), ResourceType.DRL);
        }
        long start = System.nanoTime();
        batch.build();
        if (builder.hasErrors()) {
            List<RuleProblem> problems = new ArrayList<>();
            for (KnowledgeBuilderError e : builder.getErrors()) {
                int[] lines = e.getLines();
                problems.add(new RuleProblem(relative(e.getResource() == null ? null : e.getResource().getSourcePath()),
                    lines != null && lines.length > 0 ? lines[0] : -1, clean(e.getMessage())));
            }
            throw new RuleCompilationException(source.name(), withoutEchoes(problems));
        }
        KieBase base = builder.newKieBase();
        LOG.debug("Compiled {} DRL files from {} in {} ms", source.drlFiles().size(), source.name(),
            (System.nanoTime() - start) / 1_000_000);
        return base;
    }

    /** Where kie-maven-plugin lists the generated rule classes of this artifact (one class name a line). */
    static final String PRECOMPILED_INDEX = "META-INF/kie/org.netlm/netlm-rules/drools-model";

    /**
     * The bundled rules as pre-compiled at build time, or empty when the jar carries no pre-compiled model
     * (e.g. classes compiled by an IDE without the Maven build).
     *
     * @throws IllegalStateException when the model is listed but cannot be loaded (a broken build)
     */
    static Optional<KieBase> precompiled() {
        ClassLoader cl = KieBaseFactory.class.getClassLoader();
        List<Model> models = new ArrayList<>();
        try (InputStream in = cl.getResourceAsStream(PRECOMPILED_INDEX)) {
            if (in == null) {
                return Optional.empty();
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String name = line.trim();
                if (name.isEmpty() || name.contains(":")) {
                    continue; // the "Drools-Model-Version:" header
                }
                models.add((Model) Class.forName(name, true, cl).getDeclaredConstructor().newInstance());
            }
        } catch (IOException | ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("The pre-compiled bundled rules cannot be loaded: " + e, e);
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("The pre-compiled bundled rules list no rule class (" + PRECOMPILED_INDEX + ")");
        }
        return Optional.of(KieBaseBuilder.createKieBaseFromModel(models));
    }

    /**
     * Drops Drools' "Parser returned a null Package" for a file whose real parse error is already listed:
     * it says nothing the reader can act on.
     */
    static List<RuleProblem> withoutEchoes(List<RuleProblem> problems) {
        List<RuleProblem> out = new ArrayList<>();
        for (RuleProblem p : problems) {
            boolean echo = p.message().startsWith("Parser returned a null Package")
                && problems.stream().anyMatch(o -> o != p && o.file().equals(p.file()) && !o.message().startsWith("Parser returned"));
            if (!echo) {
                out.add(p);
            }
        }
        return out;
    }

    private static String relative(String path) {
        return path == null ? "(unknown file)" : path;
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}

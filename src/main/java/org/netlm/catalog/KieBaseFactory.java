package org.netlm.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.netlm.engine.RuleCompilationException;
import org.netlm.engine.RuleProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles DRL text into a {@link KieBase} with the classic DRL compiler (whose messages name file,
 * line and rule). Each build gets its own release id, removed from the KIE repository afterwards so
 * that repeated builds do not leak. A build with any error is refused as a whole.
 *
 * <p>The bundled rules are also pre-compiled at build time into the Drools executable model
 * (kie-maven-plugin, see pom.xml); {@link #precompiled()} loads that model without compiling any DRL.
 */
final class KieBaseFactory {
    private static final Logger LOG = LoggerFactory.getLogger(KieBaseFactory.class);
    private static final String PREFIX = "src/main/resources/";

    private KieBaseFactory() {
    }

    static KieBase build(RuleSource source) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("org.netlm.generated", "rules-" + UUID.randomUUID(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        for (RuleSource.DrlFile f : source.drlFiles()) {
            kfs.write(PREFIX + "org/netlm/rules/" + f.path(), f.content());
        }
        long start = System.nanoTime();
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        try {
            if (!errors.isEmpty()) {
                List<RuleProblem> problems = new ArrayList<>();
                for (Message m : errors) {
                    problems.add(new RuleProblem(relative(m.getPath()), m.getLine(), clean(m.getText())));
                }
                throw new RuleCompilationException(source.name(), withoutEchoes(problems));
            }
            KieContainer container = ks.newKieContainer(releaseId);
            KieBase base = container.getKieBase();
            LOG.debug("Compiled {} DRL files from {} in {} ms", source.drlFiles().size(), source.name(),
                (System.nanoTime() - start) / 1_000_000);
            return base;
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
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
        if (path == null) {
            return "(unknown file)";
        }
        String p = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        return p.startsWith("org/netlm/rules/") ? p.substring("org/netlm/rules/".length()) : p;
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}

import java.nio.file.Path;
import org.netlm.engine.NetlmEngine;
import org.netlm.engine.RuleCompilationException;
import org.netlm.engine.RuleProblem;
import org.netlm.model.Assessment;
import org.netlm.model.ChildPugh;
import org.netlm.model.Differentiation;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.Therapy;

/**
 * A minimal embedding application, compiled and run by EmbedderClasspathIT with nothing on its class path but the
 * main jar and the runtime dependencies an embedder gets from the POM (plus a logging backend of its own).
 * Prints one line per check to standard output; any failure ends the JVM with a non-zero exit code.
 *
 * <p>Arguments: a copy of the rule folder, a rule folder that does not compile.
 */
public final class EmbedderMain {
    private EmbedderMain() {
    }

    public static void main(String[] args) throws Exception {
        PatientCase patient = PatientCase.builder()
            .id("embedder-1").primarySite(PrimarySite.PANCREAS).differentiation(Differentiation.WELL)
            .ki67Percent(8.0).liverLesionCount(1).extrahepaticDisease(false).ecog(0).childPugh(ChildPugh.A)
            .build();

        NetlmEngine bundled = NetlmEngine.withDefaultRules();
        Assessment a = bundled.assess(patient);
        System.out.println("bundled: precompiled=" + bundled.usesPrecompiledRules() + " rules=" + bundled.catalog().rules().size()
            + " RADICAL_RESECTION=" + a.strengthOf(Therapy.RADICAL_RESECTION).orElseThrow());

        NetlmEngine folder = NetlmEngine.fromDirectory(Path.of(args[0]));
        Assessment b = folder.assess(patient);
        System.out.println("folder: precompiled=" + folder.usesPrecompiledRules() + " rules=" + folder.catalog().rules().size()
            + " RADICAL_RESECTION=" + b.strengthOf(Therapy.RADICAL_RESECTION).orElseThrow());

        try {
            NetlmEngine.fromDirectory(Path.of(args[1]));
            System.out.println("broken: compiled although it must not");
        } catch (RuleCompilationException e) {
            for (RuleProblem p : e.getProblems()) {
                System.out.println("broken: " + p.describe());
            }
        }

        ReadmeExample.run(); // the README's Java example, compiled from README.md by the test
        System.out.println("readme: ran");
    }
}

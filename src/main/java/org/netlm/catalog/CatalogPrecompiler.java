package org.netlm.catalog;

import java.nio.file.Path;

/**
 * The build step that reads the bundled rules' catalogue once (Maven {@code process-classes}, after the rules are on
 * the class path) and stores it for {@link RuleSet#bundled()}: a start-up then loads the pre-compiled KIE base and this
 * catalogue, and parses no DRL. A catalogue of other rules (its digest differs) is never used. The build fails, with
 * every problem listed, when the bundled rules break the rule hygiene.
 */
public final class CatalogPrecompiler {
    private CatalogPrecompiler() {
    }

    /**
     * Reads the bundled rules and stores their catalogue.
     *
     * @param args the file to write (e.g. {@code target/classes/org/netlm/catalog/bundled-catalog.json})
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: CatalogPrecompiler OUTPUT_FILE");
            System.exit(2);
        }
        RuleSource source = RuleSource.bundled();
        RuleCatalog catalog = RuleCatalog.read(source, EvidenceRegistry.parse(source.evidenceJson()));
        if (!catalog.problems().isEmpty()) {
            System.err.println("The bundled rules break the rule hygiene; no catalogue stored:");
            catalog.problems().forEach(p -> System.err.println("  " + p.file() + ":" + p.line() + ": " + p.message()));
            System.exit(1);
        }
        catalog.store(source.digest(), Path.of(args[0]));
        System.out.println("Stored the catalogue of " + catalog.rules().size() + " bundled rules (digest " + source.digest()
            + ") in " + args[0]);
    }
}

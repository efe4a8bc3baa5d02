package org.netlm.engine;

import java.nio.file.Path;

/** Development probe: where the time of a cold fromDirectory goes. */
public final class BuildProbe {
    public static void main(String[] args) throws Exception {
        for (int round = 0; round < Integer.parseInt(args[0]); round++) {
            long t0 = System.nanoTime();
            RuleSource src = RuleSource.fromDirectory(Path.of("rules"));
            long t1 = System.nanoTime();
            RuleCatalog cat = RuleCatalog.read(src, EvidenceRegistry.parse(src.evidenceJson()));
            long t2 = System.nanoTime();
            KieBaseFactory.build(src);
            long t3 = System.nanoTime();
            System.out.printf("round %d: read %d ms, catalog %d ms, kie build %d ms%n", round, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
    }
}

package org.netlm.catalog;

import java.nio.file.Path;

/** Development probe: where the time of a cold engine build goes (usage: BuildProbe bundled|DIR [rounds]). */
public final class BuildProbe {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            RuleSource src = "bundled".equals(args[0]) ? RuleSource.bundled() : RuleSource.fromDirectory(Path.of(args[0]));
            long t1 = System.nanoTime();
            EvidenceRegistry ev = EvidenceRegistry.parse(src.evidenceJson());
            long t2 = System.nanoTime();
            RuleCatalog cat = RuleCatalog.read(src, ev);
            long t3 = System.nanoTime();
            Object base = "bundled".equals(args[0]) ? KieBaseFactory.precompiled().orElseThrow() : KieBaseFactory.build(src);
            long t4 = System.nanoTime();
            System.out.printf("round %d: read %d ms, evidence %d ms, catalog %d ms, kie base %d ms (%d rules)%n", round,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, cat.rules().size());
        }
    }
}

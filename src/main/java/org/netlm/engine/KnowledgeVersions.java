package org.netlm.engine;

import java.util.Optional;

/**
 * The knowledge version a rule folder declares (interface.md: {@code knowledgeVersion}, e.g. {@code 2.0.0}), for
 * the catalogue and the impact report.
 *
 * <p>MERGE NOTE: the single place to connect {@code NetlmEngine.knowledgeVersion()} (branch v2-engine, read from
 * {@code rules/knowledge.json}); until that lands this branch has no knowledge version and returns empty, and
 * the catalogue and impact report say "not declared".
 */
public final class KnowledgeVersions {
    private KnowledgeVersions() {
    }

    public static Optional<String> of(NetlmEngine engine) {
        return Optional.empty(); // MERGE: return Optional.ofNullable(engine.knowledgeVersion());
    }
}

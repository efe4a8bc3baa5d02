package org.netlm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Copies of the repository's rules/ folder for tests that break rules on purpose: every file, the rule files,
 * {@code evidence.json} and {@code knowledge.json} included.
 */
final class RuleFolders {
    static final Path RULES = Path.of("rules");

    private RuleFolders() {
    }

    static Path copyOfBundledRules(Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(RULES)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(RULES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}

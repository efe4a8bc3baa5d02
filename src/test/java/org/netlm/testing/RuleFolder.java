package org.netlm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An editable copy of the bundled rule folder, for tests that break or change rules. The copy holds every file of
 * the folder: the rule files, {@code evidence.json} and {@code knowledge.json} (without which no engine is built).
 */
public final class RuleFolder {
    private final Path dir;

    private RuleFolder(Path dir) {
        this.dir = dir;
    }

    /** Copies the bundled rules (as on the test class path) into {@code target}. */
    public static RuleFolder copyOfBundled(Path target) {
        return copyOfBundled(target, p -> true);
    }

    /**
     * Copies {@code evidence.json}, {@code knowledge.json} and the rule files under the given prefixes (e.g. {@code classification/},
     * {@code recommendation/surgery.drl}): a smaller folder compiles faster where the test needs only some rules.
     */
    public static RuleFolder copyOfBundled(Path target, String... prefixes) {
        return copyOfBundled(target, rel -> !rel.endsWith(".drl") || Arrays.stream(prefixes).anyMatch(rel::startsWith));
    }

    private static RuleFolder copyOfBundled(Path target, Predicate<String> keep) {
        try {
            Path source = Path.of(RuleFolder.class.getClassLoader().getResource("rules/evidence.json").toURI()).getParent();
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    String rel = source.relativize(p).toString().replace('\\', '/');
                    Path to = target.resolve(rel);
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else if (keep.test(rel)) {
                        Files.copy(p, to);
                    }
                }
            }
            return new RuleFolder(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies the bundled folder's files that are not rules (evidence.json and any other file a rule folder needs) into
     * {@code target}, for tests that bring their own DRL.
     */
    public static void copyBundledNonRuleFiles(Path target) {
        try {
            Path source = Path.of(RuleFolder.class.getClassLoader().getResource("rules/evidence.json").toURI()).getParent();
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f) && !f.toString().endsWith(".drl")) {
                        Files.copy(f, target.resolve(f.getFileName().toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * Appends {@code drl} to the rule file {@code file} (relative, e.g. {@code recommendation/process.drl}).
     *
     * @return the line number (1-based) of the first appended line
     */
    public int append(String file, String drl) {
        try {
            Path p = dir.resolve(file);
            String before = Files.readString(p, StandardCharsets.UTF_8);
            if (!before.endsWith("\n")) {
                before += "\n";
            }
            // rule hygiene wants a clinical comment above every rule: the appended text's first rule gets this one
            before += "// rule appended by a test\n";
            Files.writeString(p, before, StandardCharsets.UTF_8);
            int first = (int) before.chars().filter(c -> c == '\n').count() + 1;
            Files.writeString(p, drl, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the first occurrence of {@code from} in {@code file}; fails when it is not there. */
    public void replace(String file, String from, String to) {
        try {
            Path p = dir.resolve(file);
            String text = Files.readString(p, StandardCharsets.UTF_8);
            if (!text.contains(from)) {
                throw new IllegalArgumentException(file + " does not contain " + from);
            }
            Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} to {@code file} (relative), replacing it if it exists. */
    public void write(String file, String content) {
        try {
            Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String file) {
        try {
            Files.delete(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.netlm.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.netlm.engine.NetlmEngine;
import org.netlm.engine.RuleCompilationException;
import org.netlm.engine.RuleProblem;
import org.netlm.catalog.RuleSource;
import org.netlm.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule folder the workbench edits, kept validated: the folder's digest ({@link RuleSource#digest()}) is polled,
 * and on every change the folder is loaded again through {@link NetlmEngine#fromDirectory(Path)} (the one loader,
 * which applies the rule policy), giving either a new engine or every problem with file and line. The engine of the
 * last version that compiled stays in use (and is reported as such) while the folder has problems: nothing
 * half-loaded is ever used. Without a folder the workspace holds the bundled rules, read-only.
 *
 * <p>Files are served and written only by their path relative to the folder, and only the files the folder's
 * listing holds ({@code .drl} files and {@code evidence.json}) whose real location lies inside the folder.
 */
public final class RuleWorkspace implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleWorkspace.class);

    /** Whether the latest version of the folder compiled. */
    public enum State { OK, ERRORS }

    /**
     * The folder as last checked.
     *
     * @param digest    digest of the folder's rule files
     * @param files     relative path to content, of every file that can be shown or edited
     * @param state     whether this version compiled
     * @param problems  every problem of this version (empty when it compiled)
     * @param engine    the engine in use: this version's, or the last one that compiled ({@code null} if none did)
     * @param engineDigest the digest of the rule files the engine was built from
     * @param checkedAt when this version was checked
     */
    public record Snapshot(String digest, Map<String, String> files, State state, List<RuleProblem> problems,
                           NetlmEngine engine, String engineDigest, Instant checkedAt) {
        public Snapshot {
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
            problems = List.copyOf(problems);
        }

        /** True when the engine in use is older than the folder (the folder's latest version has problems). */
        public boolean stale() {
            return engine != null && !Objects.equals(digest, engineDigest);
        }
    }

    /** A path that is not one of the folder's rule files. */
    public static final class NotARuleFile extends Exception {
        private static final long serialVersionUID = 1L;

        NotARuleFile(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final Path realDir;
    private final ScheduledExecutorService poller;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot current;
    private volatile boolean checking;

    private RuleWorkspace(Path dir, Duration pollInterval) throws IOException {
        this.dir = dir == null ? null : dir.toAbsolutePath().normalize();
        this.realDir = dir == null ? null : this.dir.toRealPath();
        this.current = load(null);
        if (dir != null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "netlm-workbench-rules");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            poller = null;
        }
    }

    /**
     * The rule folder {@code dir}, checked now and then every {@code pollInterval}; {@code null} for the bundled rules
     * (read-only, never re-checked).
     *
     * @throws IOException when the folder cannot be read
     */
    public static RuleWorkspace open(Path dir, Duration pollInterval) throws IOException {
        if (dir != null && !Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        return new RuleWorkspace(dir, pollInterval);
    }

    /** The folder, or {@code null} for the bundled rules. */
    public Path folder() {
        return dir;
    }

    /** Whether files can be written (a folder, not the bundled rules). */
    public boolean editable() {
        return dir != null;
    }

    /** Where the rules come from, for the page. */
    public String sourceName() {
        return dir == null ? "bundled rules (read-only)" : dir.toString();
    }

    public Snapshot current() {
        return current;
    }

    /** True while a changed folder is being compiled. */
    public boolean checking() {
        return checking;
    }

    /** Called (on the polling thread) after each new version of the folder was checked. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Checks the folder now (as the poller does) and returns the snapshot. */
    public synchronized Snapshot refresh() {
        try {
            RuleSource source = RuleSource.fromDirectory(dir);
            if (!source.digest().equals(current.digest())) {
                checking = true;
                try {
                    current = load(current);
                } finally {
                    checking = false;
                }
                listeners.forEach(Runnable::run);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot check the rule folder {}: {}", dir, e.getMessage());
        }
        return current;
    }

    private void poll() {
        if (dir != null) {
            refresh();
        }
    }

    /** Loads the folder (or the bundled rules); keeps {@code previous}'s engine when this version does not compile. */
    private Snapshot load(Snapshot previous) throws IOException {
        RuleSource source = dir == null ? RuleSource.bundled() : RuleSource.fromDirectory(dir);
        Map<String, String> files = new LinkedHashMap<>();
        for (RuleSource.DrlFile f : source.drlFiles()) {
            if (inside(f.path())) {
                files.put(f.path(), f.content());
            }
        }
        if (source.evidenceJson() != null && inside(RuleSource.EVIDENCE_FILE)) {
            files.put(RuleSource.EVIDENCE_FILE, source.evidenceJson());
        }
        String digest = source.digest();
        try {
            NetlmEngine engine = dir == null ? NetlmEngine.withDefaultRules() : NetlmEngine.fromDirectory(dir);
            LOG.info("rule folder {} checked: OK, {} rules", sourceName(), engine.catalog().rules().size());
            return new Snapshot(digest, files, State.OK, List.of(), engine, digest, Instant.now());
        } catch (RuleCompilationException e) {
            LOG.info("rule folder {} checked: {} problem(s)", sourceName(), e.getProblems().size());
            NetlmEngine last = previous == null ? null : previous.engine();
            return new Snapshot(digest, files, State.ERRORS, e.getProblems(), last, previous == null ? null : previous.engineDigest(),
                Instant.now());
        }
    }

    /** Whether the file's real location (links followed) is inside the folder. */
    private boolean inside(String relative) {
        if (dir == null) {
            return true;
        }
        try {
            return dir.resolve(relative).toRealPath().startsWith(realDir);
        } catch (IOException e) {
            return false;
        }
    }

    /** The content of one of the folder's rule files, by its relative path as listed. */
    public String read(String relative) throws NotARuleFile {
        String content = current.files().get(relative);
        if (content == null) {
            throw new NotARuleFile("not a rule file of this folder: " + relative);
        }
        return content;
    }

    /**
     * Replaces one of the folder's rule files (atomically) and checks the folder again.
     *
     * @throws NotARuleFile when the path is not one of the listed files, or the rules are the bundled ones
     */
    public Snapshot write(String relative, String content) throws NotARuleFile, IOException {
        if (dir == null) {
            throw new NotARuleFile("the bundled rules are read-only: start the workbench with --rules DIR to edit a folder");
        }
        if (!current.files().containsKey(relative)) {
            throw new NotARuleFile("not a rule file of this folder: " + relative);
        }
        Path target = dir.resolve(relative).normalize();
        if (!target.startsWith(dir) || !inside(relative)) {
            throw new NotARuleFile("not a rule file of this folder: " + relative);
        }
        AtomicFiles.writeString(target, content);
        LOG.info("rule file {} saved from the workbench", relative);
        return refresh();
    }

    /** The engine in use, if any version of the folder compiled. */
    public Optional<NetlmEngine> engine() {
        return Optional.ofNullable(current.engine());
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}

package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netlm.testing.RuleFolder;
import org.slf4j.LoggerFactory;

/**
 * A rule folder that does not compile is the caller's business: the problems travel in
 * {@link RuleCompilationException}, and nothing is logged at WARN or above into the log of the application that
 * embeds the library (Drools' KieBuilder path logged each compile error at ERROR, "Unable to build KieBaseModel").
 * Every logger is captured at WARN, whatever the test logging configuration silences.
 */
class RuleFolderLoggingTest {
    private static final String FILE = "recommendation/surgery.drl";

    @TempDir
    Path tmp;

    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Map<Logger, Level> levels = new LinkedHashMap<>();

    @BeforeEach
    void captureEveryLoggerAtWarn() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Logger l : context.getLoggerList()) {
            levels.put(l, l.getLevel());
            // every other logger inherits from the root: also those the test configuration switches off
            l.setLevel(l == root ? Level.WARN : null);
        }
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void restoreLogging() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(captured);
        levels.forEach(Logger::setLevel);
        captured.stop();
    }

    /**
     * Breaks that pass the rule policy and reach the Drools compiler: a consequence (Java) and a constraint (MVEL)
     * that do not type-check (every occurrence in the file replaced).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Strength.RECOMMENDED, | 42,                     | incompatible types",
        "met(CriterionCode.NET), | met(42),                 | unable to resolve method"})
    void aFolderThatDoesNotCompileIsReportedToTheCallerAndNotLogged(String from, String to, String expected) {
        RuleFolder folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), FILE);
        folder.replace(FILE, from, to);

        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class, () -> NetlmEngine.fromDirectory(folder.dir()));

        assertThat(e).as("the folder must be refused").isNotNull();
        assertThat(e.getProblems()).as(e.getMessage()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(FILE);
            assertThat(p.line()).isPositive();
            assertThat(p.message()).containsIgnoringCase(expected);
        });
        assertThat(captured.list).as("log events at WARN or above").extracting(ev -> ev.getLevel() + " " + ev.getLoggerName()
            + ": " + ev.getFormattedMessage()).isEmpty();
    }
}

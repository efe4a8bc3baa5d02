package org.netlm.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rule folder that does not compile or breaks rule hygiene: every problem, with file and line. */
public class RuleCompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    /**
     * A refusal of the rules from {@code source}; the message lists every problem, one {@code file:line: message} a line.
     *
     * @param source   where the rules came from (a folder, or "bundled rules"), for the message
     * @param problems every problem found, in the order reported
     */
    public RuleCompilationException(String source, List<RuleProblem> problems) {
        super("Rules in " + source + " cannot be used (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n"
            + problems.stream().map(RuleProblem::describe).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, each with file, line and message.
     *
     * @return the problems (unmodifiable, never empty when thrown by the engine)
     */
    public List<RuleProblem> getProblems() {
        return problems;
    }
}

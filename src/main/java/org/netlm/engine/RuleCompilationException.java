package org.netlm.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rule folder that does not compile or breaks rule hygiene: every problem, with file and line. */
public class RuleCompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    public RuleCompilationException(String source, List<RuleProblem> problems) {
        super("Rules in " + source + " cannot be used (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n"
            + problems.stream().map(RuleProblem::describe).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> getProblems() {
        return problems;
    }
}

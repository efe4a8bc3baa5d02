package org.netlm.catalog;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule's consequence read as a Java syntax tree (JavaParser, the parser the rule policy uses): the
 * {@code Candidate.of(kcontext, therapy, strength, …)} and {@code StrengthLimit.of(kcontext, therapy, kind, …)} calls
 * with their therapy and strength (or kind) when written as constants, the criteria it derives
 * ({@code Criterion.of(CriterionCode.X, …)}), and whether it inserts a {@code Criterion} fact.
 *
 * @param inserts        every {@code Candidate.of} and {@code StrengthLimit.of} call, in source order
 * @param derives        the codes of its {@code Criterion.of(CriterionCode.X, …)} calls (unknown names included)
 * @param insertsCriterion true when it inserts a {@code Criterion} fact ({@code insert(Criterion.of(…))},
 *                         {@code insert(new Criterion(…))})
 */
record RuleConsequence(List<Insert> inserts, List<String> derives, boolean insertsCriterion) {
    private static final JavaParser PARSER = new JavaParser(new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    /**
     * One {@code Candidate.of} or {@code StrengthLimit.of} call.
     *
     * @param limit    true for {@code StrengthLimit.of}
     * @param therapy  the constant name of its therapy argument ({@code Therapy.PRRT} gives {@code PRRT}), empty when
     *                 the argument is not a constant (a loop variable, a bound variable)
     * @param strength the constant name of its strength or limit kind ({@code Strength.CONSIDER},
     *                 {@code StrengthLimit.Kind.NOT_OFFERED}), empty when not a constant
     * @param line     the line in the consequence (1 = its first line)
     */
    record Insert(boolean limit, Optional<String> therapy, Optional<String> strength, int line) {
    }

    /** The consequence {@code body}, or empty when it cannot be read as Java (the rule policy reports that). */
    static Optional<RuleConsequence> read(String body) {
        ParseResult<BlockStmt> r = PARSER.parseBlock("{" + body + "\n}");
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            return Optional.empty();
        }
        List<Insert> inserts = new ArrayList<>();
        List<String> derives = new ArrayList<>();
        boolean[] insertsCriterion = {false};
        r.getResult().get().walk(MethodCallExpr.class, call -> {
            String scope = call.getScope().map(RuleConsequence::simpleName).orElse("");
            String name = call.getNameAsString();
            int line = call.getBegin().map(p -> p.line).orElse(1);
            if (name.equals("of") && (scope.equals("Candidate") || scope.equals("StrengthLimit")) && call.getArguments().size() >= 3) {
                inserts.add(new Insert(scope.equals("StrengthLimit"), constant(call.getArgument(1), "Therapy"),
                    constant(call.getArgument(2), scope.equals("Candidate") ? "Strength" : "Kind"), line));
            } else if (name.equals("of") && scope.equals("Criterion") && !call.getArguments().isEmpty()) {
                constant(call.getArgument(0), "CriterionCode").ifPresent(derives::add);
            } else if ((name.equals("insert") || name.equals("insertLogical")) && call.getScope().isEmpty()
                && call.getArguments().size() == 1 && isCriterion(call.getArgument(0))) {
                insertsCriterion[0] = true;
            }
        });
        return Optional.of(new RuleConsequence(List.copyOf(inserts), List.copyOf(derives), insertsCriterion[0]));
    }

    private static boolean isCriterion(Expression e) {
        if (e instanceof ObjectCreationExpr o) {
            return o.getType().getNameAsString().equals("Criterion");
        }
        return e instanceof MethodCallExpr m && m.getNameAsString().equals("of")
            && m.getScope().map(RuleConsequence::simpleName).orElse("").equals("Criterion");
    }

    /** {@code Type.NAME} (or {@code Outer.Type.NAME}) as {@code NAME} when the type's simple name is {@code type}. */
    private static Optional<String> constant(Expression e, String type) {
        if (e instanceof FieldAccessExpr f && simpleName(f.getScope()).equals(type)) {
            return Optional.of(f.getNameAsString());
        }
        return Optional.empty();
    }

    /** {@code Candidate} for {@code Candidate} or {@code org.netlm.model.Candidate}; empty for anything else. */
    private static String simpleName(Expression e) {
        if (e instanceof NameExpr n) {
            return n.getNameAsString();
        }
        if (e instanceof FieldAccessExpr f) {
            return f.getNameAsString();
        }
        return "";
    }
}

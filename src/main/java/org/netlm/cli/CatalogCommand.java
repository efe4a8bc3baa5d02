package org.netlm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.netlm.io.CatalogMarkdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code catalog}: the Markdown rule catalogue for clinical reviewers (deterministic output). */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "Write a Markdown catalogue of the rules for clinical reviewers.")
final class CatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RulesOption rules;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        String md = CatalogMarkdown.render(rules.engine());
        if (output == null) {
            spec.commandLine().getOut().print(md);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(output, md, StandardCharsets.UTF_8);
        }
        return ErrorHandler.OK;
    }
}

package org.netlm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example compiles as shown, imports included. (EmbedderClasspathIT also runs it, with nothing but the
 * embedder's dependencies on the class path.)
 */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void theJavaExampleShowsItsImportsAndCompiles() throws Exception {
        String block = ReadmeJava.firstJavaBlock(Path.of("README.md"));
        assertThat(block).contains("import org.netlm.engine.NetlmEngine;", "import org.netlm.model.PatientCase;");

        Path source = tmp.resolve("ReadmeExample.java");
        Files.writeString(source, ReadmeJava.asClass("ReadmeExample", block));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "-d", tmp.toString(), "-proc:none",
            "-Xlint:all", "-Werror", "-cp", System.getProperty("java.class.path"), source.toString());

        assertThat(exit).as("javac: %s%n%s", diagnostics, Files.readString(source)).isZero();
        assertThat(tmp.resolve("ReadmeExample.class")).isRegularFile();
    }
}

package org.netlm.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The README's Java example as a compilable class: its import lines on top, its statements in {@code run()}. */
public final class ReadmeJava {
    private ReadmeJava() {
    }

    /** The first {@code ```java} block of the file that uses {@code NetlmEngine} (the README's embedding example). */
    public static String firstJavaBlock(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```java")) {
                StringBuilder block = new StringBuilder();
                for (int j = i + 1; j < lines.size() && !lines.get(j).strip().equals("```"); j++) {
                    block.append(lines.get(j)).append('\n');
                }
                if (block.indexOf("NetlmEngine") >= 0) {
                    return block.toString();
                }
            }
        }
        throw new IllegalStateException(markdown + " has no ```java block that uses NetlmEngine");
    }

    /** A class named {@code name} (default package) whose {@code public static void run()} executes the block's statements. */
    public static String asClass(String name, String block) {
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        return String.join("\n", imports) + "\n\npublic final class " + name + " {\n    public static void run() throws Exception {\n"
            + body + "    }\n}\n";
    }
}

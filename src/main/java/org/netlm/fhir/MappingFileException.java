package org.netlm.fhir;

import java.util.List;

/**
 * A site's mapping file that cannot be used (fhir-mapping.md §6): every problem at once, each naming the JSON path of
 * the offending member ({@code fields.ecog.observationCodes[0]: ...}). Nothing of the file is used.
 */
public class MappingFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final transient List<String> problems;

    public MappingFileException(String file, List<String> problems) {
        super(file + ": " + String.join("; ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The file as given. */
    public String file() {
        return file;
    }

    /** One line per problem: {@code path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}

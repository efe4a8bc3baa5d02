package org.netlm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.netlm.fhir.FhirBundleReader;
import org.netlm.fhir.FhirPatientMapper;
import org.netlm.fhir.MappingFileException;
import org.netlm.impact.CohortFiles;
import org.netlm.io.LineParser;
import org.netlm.io.PatientReader;
import org.netlm.io.PatientSource;
import picocli.CommandLine.Option;

/**
 * {@code --input-format json|fhir}, {@code --fhir-mapping FILE}, {@code --as-of DATE}: which source turns the input into
 * patients (shared by {@code evaluate}, {@code batch} and {@code impact}). FHIR needs HAPI, which the -cli jar carries.
 */
final class InputOptions {
    enum Format { json, fhir }

    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "json",
        description = "json (patient JSON, default) or fhir (FHIR R4 Bundles mapped by fhir-mapping.md).")
    Format format;

    @Option(names = "--fhir-mapping", paramLabel = "FILE",
        description = "With --input-format fhir: a site's mapping file adding local codes (docs/fhir.md).")
    Path fhirMapping;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
        description = "With --input-format fhir: the as-of date (default: each Bundle's timestamp, else today).")
    LocalDate asOf;

    private FhirPatientMapper mapper;

    /** Refuses FHIR options without FHIR input, and a broken mapping file (every problem, with its path). */
    void check() {
        if (format != Format.fhir && (fhirMapping != null || asOf != null)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--fhir-mapping and --as-of need --input-format fhir");
        }
        if (format == Format.fhir) {
            mapper();
        }
    }

    private FhirPatientMapper mapper() {
        if (mapper == null) {
            if (fhirMapping == null) {
                mapper = FhirPatientMapper.withDefaults();
            } else {
                if (!Files.isRegularFile(fhirMapping)) {
                    throw new CliException(ErrorHandler.INVALID_INPUT, fhirMapping + ": no such mapping file");
                }
                try {
                    mapper = FhirPatientMapper.withMappingFile(fhirMapping);
                } catch (MappingFileException e) {
                    throw new CliException(ErrorHandler.INVALID_INPUT, fhirMapping + ": mapping file refused:\n"
                        + String.join("\n", e.problems().stream().map(p -> fhirMapping + ": " + p).toList()));
                }
            }
        }
        return mapper;
    }

    /** The source over a file ({@code -}: {@code stdin}). */
    PatientSource open(String file, InputStream stdin) throws IOException {
        boolean std = "-".equals(file);
        if (format == Format.fhir) {
            return std ? FhirBundleReader.of(stdin, PatientReader.STDIN_NAME, mapper(), asOf)
                : FhirBundleReader.open(Path.of(file), mapper(), asOf);
        }
        return std ? PatientReader.of(stdin, PatientReader.STDIN_NAME) : PatientReader.open(Path.of(file));
    }

    /** How {@code impact} reads its cohort: patient JSON, or FHIR Bundles (NDJSON lines and Bundle files). */
    CohortFiles.Format cohortFormat() {
        return format == Format.fhir ? CohortFiles.Format.fhir(lineParser(), file -> open(file.toString(), null))
            : CohortFiles.Format.JSON;
    }

    /** How a batch line becomes a patient. */
    LineParser lineParser() {
        return format == Format.fhir ? FhirBundleReader.lineParser(mapper(), asOf) : PatientReader::parseLine;
    }
}

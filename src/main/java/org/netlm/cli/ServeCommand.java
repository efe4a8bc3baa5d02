package org.netlm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.netlm.audit.AuditConfig;
import org.netlm.audit.AuditStore;
import org.netlm.audit.AuditUnavailableException;
import org.netlm.audit.JdbcAuditStore;
import org.netlm.engine.NetlmEngine;
import org.netlm.fhir.FhirPatientMapper;
import org.netlm.fhir.MappingFileException;
import org.netlm.service.CdsHooksServer;
import org.netlm.service.FhirPatientMapping;
import org.netlm.service.ServiceConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the CDS Hooks 2.0 service ({@code /cds-services}) until SIGTERM or SIGINT; then in-flight requests
 * finish and the command exits 0. Exit 1 for a bad configuration, 2 for rules that do not compile.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the CDS Hooks 2.0 service (patient-view: recommendations as cards; order-sign: therapy order check).",
        "Stops cleanly on SIGTERM / Ctrl-C. See docs/cds-hooks.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:clean shutdown", "1:bad configuration or the port is taken", "2:rules do not compile"})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    RulesOption rules;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
        description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one, shown in the start line).")
    int port;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Service configuration (JSON or YAML): trusted issuers and their JWKS, base URL, CORS origins, limits.")
    Path config;

    @Option(names = "--no-auth",
        description = "Accept calls without a signed JWT (local demos only; a warning is logged).")
    boolean noAuth;

    /** The FHIR mapping with the site's mapping file of the configuration, if any (a bad file: exit 1, every problem). */
    private static FhirPatientMapping mapping(ServiceConfig cfg) {
        if (cfg.fhirMappingFile() == null) {
            return FhirPatientMapping.withDefaults();
        }
        try {
            return FhirPatientMapping.withMappingFile(Path.of(cfg.fhirMappingFile()));
        } catch (MappingFileException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, e.getMessage());
        }
    }

    /**
     * The audit store of the configuration's {@code audit} object (docs/audit.md); without one, the embedded H2 store
     * in {@code netlm-audit} beside the configuration file (or in the working folder). Every call is recorded.
     */
    private AuditStore openAudit(ServiceConfig cfg) {
        Path base = config == null ? Path.of("").toAbsolutePath() : config.toAbsolutePath().getParent();
        try {
            return JdbcAuditStore.open(AuditConfig.fromJson(cfg.audit(), base));
        } catch (IllegalArgumentException | AuditUnavailableException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "audit store: " + e.getMessage());
        }
    }

    /** Runs each task on a new daemon thread named {@code name}. */
    private static Executor onThread(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--port: " + port + ": must be between 0 and 65535");
        }
        ServiceConfig cfg;
        try {
            cfg = config == null ? ServiceConfig.defaults() : ServiceConfig.load(config);
        } catch (ServiceConfig.BadConfigException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, e.getMessage());
        }
        // The engine, the FHIR mapper (HAPI) and the audit store are independent: built side by side, and the port is
        // bound only when all three are ready, so no request ever meets a half-built service. Logging is set up first,
        // on this thread (SLF4J would otherwise queue and replay, with a warning, what the threads log meanwhile).
        LoggerFactory.getILoggerFactory();
        // Each on a thread of its own: the common pool has one thread on 2 cores, which would build them one after the other.
        CompletableFuture<FhirPatientMapping> mapping = CompletableFuture.supplyAsync(() -> {
            FhirPatientMapping m = mapping(cfg);
            FhirPatientMapper.warmUp();
            return m;
        }, onThread("netlm-start-fhir"));
        CompletableFuture<AuditStore> opening = CompletableFuture.supplyAsync(() -> openAudit(cfg), onThread("netlm-start-audit"));
        NetlmEngine engine;
        AuditStore audit;
        FhirPatientMapping patients;
        try {
            engine = rules.engine();
            patients = mapping.join();
            audit = opening.join();
        } catch (RuntimeException e) {
            opening.thenAccept(AuditStore::close);
            throw e instanceof CompletionException c && c.getCause() instanceof RuntimeException r ? r : e;
        }
        CdsHooksServer server;
        try {
            server = CdsHooksServer.start(engine, patients, cfg, port,
                noAuth ? CdsHooksServer.Auth.NONE : CdsHooksServer.Auth.JWT, audit);
        } catch (RuntimeException e) {
            audit.close();
            throw new CliException(ErrorHandler.INVALID_INPUT, "cannot start the service on " + cfg.host() + ":" + port + ": "
                + ErrorHandler.reason(e.getCause() != null ? e.getCause() : e));
        }
        UntilTerminated.await(() -> {
            server.stop();
            audit.close();
        }, "netlm-serve");
        return ErrorHandler.OK;
    }
}

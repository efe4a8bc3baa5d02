package org.netlm.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's one embedded HTTP server (Javalin 7 on Jetty 12), shared by the CDS Hooks service and the
 * workbench: bound to one address, request bodies bounded, idle connections timed out, CORS only for the
 * listed origins, every error answered in the {@link ApiError} shape (never a stack trace), and a graceful
 * {@link #stop()} that lets in-flight requests finish.
 */
public final class EmbeddedHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedHttpServer.class);

    /**
     * How the server listens.
     *
     * @param host            address to bind ({@code 127.0.0.1} for loopback only)
     * @param port            port, 0 for a free one
     * @param maxRequestBytes largest accepted request body
     * @param idleTimeout     a connection idle this long is closed (bounds slow clients)
     * @param stopTimeout     how long {@link #stop()} waits for in-flight requests
     * @param corsOrigins     origins allowed to call from a browser (none: no CORS headers at all)
     */
    public record Settings(String host, int port, long maxRequestBytes, Duration idleTimeout, Duration stopTimeout,
                           List<String> corsOrigins) {
        public Settings {
            Objects.requireNonNull(host, "host");
            corsOrigins = List.copyOf(corsOrigins);
        }
    }

    private final Javalin app;
    private final Settings settings;

    private EmbeddedHttpServer(Javalin app, Settings settings) {
        this.app = app;
        this.settings = settings;
    }

    /**
     * Starts a server with the routes {@code routes} declares.
     *
     * @param mapper renders the error bodies
     */
    public static EmbeddedHttpServer start(Settings settings, ObjectMapper mapper, Consumer<RoutesConfig> routes) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.generateEtags = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> {
                // In-flight requests finish on stop; new ones are refused (503) meanwhile.
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(settings.stopTimeout().toMillis());
                server.setStopAtShutdown(false); // the owner stops it (a shutdown hook or a signal handler)
            });
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            if (!settings.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    String first = settings.corsOrigins().get(0);
                    rule.allowHost(first, settings.corsOrigins().subList(1, settings.corsOrigins().size()).toArray(String[]::new));
                }));
            }
            RoutesConfig r = config.routes;
            r.exception(ApiError.Failure.class, (e, ctx) -> render(ctx, mapper, e.error()));
            r.exception(HttpResponseException.class, (e, ctx) -> render(ctx, mapper, fromJavalin(e)));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                render(ctx, mapper, ApiError.of(500, "INTERNAL_ERROR", "The server could not answer this request."));
            });
            r.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    render(ctx, mapper, ApiError.of(404, "NOT_FOUND", "No such resource: " + ctx.path()));
                }
            });
            r.error(405, ctx -> render(ctx, mapper, ApiError.of(405, "METHOD_NOT_ALLOWED", "Method not allowed here.")));
            routes.accept(r);
        });
        app.start();
        for (var c : app.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc) {
                sc.setIdleTimeout(settings.idleTimeout().toMillis());
            }
        }
        return new EmbeddedHttpServer(app, settings);
    }

    private static ApiError fromJavalin(HttpResponseException e) {
        int status = e.getStatus();
        return switch (status) {
            case 413 -> ApiError.of(413, "REQUEST_TOO_LARGE", "The request body is larger than this server accepts.");
            case 404 -> ApiError.of(404, "NOT_FOUND", "Not found.");
            default -> ApiError.of(status, "HTTP_" + status, e.getMessage() == null ? "Request refused." : e.getMessage());
        };
    }

    /** Writes {@code error} as the response (status and JSON body). */
    public static void render(Context ctx, ObjectMapper mapper, ApiError error) {
        try {
            ctx.status(error.status()).contentType("application/json").result(mapper.writeValueAsBytes(error.toJson(mapper)));
        } catch (JsonProcessingException e) {
            ctx.status(500).result("{\"error\":{\"status\":500,\"code\":\"INTERNAL_ERROR\",\"message\":\"error rendering failed\",\"problems\":[]}}");
        }
    }

    /** The bound port (the free one chosen when the settings asked for 0). */
    public int port() {
        return app.port();
    }

    /** The address clients reach: {@code http://host:port}. */
    public String baseUrl() {
        String host = settings.host();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(settings.host(), port());
    }

    /** Stops accepting connections, lets in-flight requests finish (up to the stop timeout), then stops. Idempotent. */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }
}

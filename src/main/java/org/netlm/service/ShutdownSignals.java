package org.netlm.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a call of {@code action} instead of the JVM's immediate shutdown, so that a
 * service can stop gracefully and its command still exit 0. Where the platform does not allow it, nothing is
 * installed (a shutdown hook then does the graceful stop, with the JVM's exit code).
 */
public final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {
    }

    /** Installs the handlers; returns whether they are in place. */
    @SuppressWarnings("removal")
    public static boolean onTermination(Runnable action) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
            }
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.debug("signal handlers not installed ({}); the shutdown hook stops the service", e.toString());
            return false;
        }
    }
}

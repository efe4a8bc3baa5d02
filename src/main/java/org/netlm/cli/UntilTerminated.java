package org.netlm.cli;

import java.util.concurrent.CountDownLatch;
import org.netlm.service.ShutdownSignals;

/** How the server commands ({@code serve}, {@code workbench}) run in the foreground until SIGTERM or Ctrl-C. */
final class UntilTerminated {
    private UntilTerminated() {
    }

    /**
     * Waits for SIGTERM or SIGINT, then calls {@code stop} (which lets in-flight requests finish); if the JVM shuts down
     * for another reason, {@code stop} still runs from a shutdown hook. {@code stop} must be idempotent.
     */
    static void await(Runnable stop, String name) throws InterruptedException {
        CountDownLatch signal = new CountDownLatch(1);
        Thread hook = new Thread(stop, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ShutdownSignals.onTermination(signal::countDown);
        signal.await();
        stop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; stop is idempotent
        }
    }
}

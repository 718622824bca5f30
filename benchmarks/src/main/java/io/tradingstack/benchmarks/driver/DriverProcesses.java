package io.tradingstack.benchmarks.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * Every process the driver started, stopped by a shutdown hook as well as by the scenario: a
 * run interrupted with Ctrl-C or SIGTERM leaves nothing running.
 */
final class DriverProcesses {

    private static final List<Process> STARTED = new ArrayList<>();
    private static boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DriverProcesses::stopAll, "driver-stop-all"));
    }

    private DriverProcesses() {
    }

    /**
     * Keeps a started process to stop at the end. One started while the driver is already
     * stopping (the scenario thread was mid-start when Ctrl-C came) is stopped at once.
     */
    static synchronized void register(Process process) {
        if (stopping) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("the driver is stopping");
        }
        STARTED.add(process);
    }

    /** SIGTERM to everything still running, SIGKILL to what is left after 20 s. */
    static synchronized void stopAll() {
        stopping = true;
        for (Process process : STARTED) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (Process process : STARTED) {
            while (process.isAlive() && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    break;
                }
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        STARTED.clear();
    }
}

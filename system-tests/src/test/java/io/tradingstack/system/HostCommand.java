package io.tradingstack.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One command on this host (ip, iptables), run to its end with its output kept for a failure message. */
record HostCommand(List<String> command, int exitCode, String output) {

    /** Runs the command; a command that does not exist or does not end within 30 s gives a non-zero exit code. */
    static HostCommand run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes(); // ends when the command does
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new HostCommand(command, -1, "did not end within 30 s");
            }
            return new HostCommand(command, process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new HostCommand(command, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HostCommand(command, -1, "interrupted");
        }
    }

    static HostCommand run(String... command) {
        return run(List.of(command));
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    /** This result, or an exception that says what was run and what it printed. */
    HostCommand orThrow() {
        if (!succeeded()) {
            throw new IllegalStateException(this.toString());
        }
        return this;
    }

    @Override
    public String toString() {
        return "`" + String.join(" ", command) + "` exited " + exitCode + (output.isEmpty() ? "" : ": " + output);
    }
}

package io.tradingstack.clock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child process of {@link CrossProcessClockTest}: prints {@code ready}, then answers every
 * line read from stdin with one reading of {@link SystemEpochNanoClock} on stdout, until stdin
 * closes.
 */
final class ClockEcho {

    static final String READY = "ready";

    private ClockEcho() {
    }

    public static void main(String[] args) throws IOException {
        final EpochNanoClock clock = SystemEpochNanoClock.instance();
        final PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        out.println(READY);
        out.flush();
        while (in.readLine() != null) {
            out.println(clock.epochNanos());
            out.flush();
        }
    }
}

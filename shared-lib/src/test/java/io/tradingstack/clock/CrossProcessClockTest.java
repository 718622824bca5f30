package io.tradingstack.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Causality across two processes, not a timed test: this JVM stamps t1, asks a child JVM for its
 * reading t2, and stamps t3 when the answer arrives. The request is sent after t1 and the answer
 * read before t3, so with one clock shared by every process t1 ≤ t2 ≤ t3 must hold on every
 * exchange, however slow the machine; a per-process offset (an extrapolated anchor) breaks it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CrossProcessClockTest {

    private static final int EXCHANGES = 1_000;
    private static final long CHILD_START_TIMEOUT_SECONDS = 60;

    private Process child;

    @AfterEach
    void destroyChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldOrderEveryExchangeWithAChildProcessByTheClock() throws Exception {
        child = startClockEcho();
        final BufferedReader answers = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        final PrintStream requests = new PrintStream(child.getOutputStream(), false, StandardCharsets.US_ASCII);
        awaitReady(answers);

        final EpochNanoClock clock = SystemEpochNanoClock.instance();
        for (int exchange = 0; exchange < EXCHANGES; exchange++) {
            final long t1 = clock.epochNanos();
            requests.println(exchange);
            requests.flush();
            final String answer = answers.readLine();
            final long t3 = clock.epochNanos();
            assertThat(answer).as("answer to exchange %d (child alive: %s)", exchange, child.isAlive()).isNotNull();
            final long t2 = Long.parseLong(answer);
            if (t1 > t2 || t2 > t3) {
                fail("exchange %d of %d: expected t1 <= t2 <= t3 but t1=%d t2=%d t3=%d (t2-t1=%d ns, t3-t2=%d ns)",
                    exchange, EXCHANGES, t1, t2, t3, t2 - t1, t3 - t2);
            }
        }
    }

    private static Process startClockEcho() throws IOException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            ClockEcho.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    }

    private void awaitReady(BufferedReader answers) throws Exception {
        final CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return answers.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            assertThat(first.get(CHILD_START_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child's first line").isEqualTo(ClockEcho.READY);
        } catch (TimeoutException e) {
            fail("child JVM not ready within %d s (alive: %s)", CHILD_START_TIMEOUT_SECONDS, child.isAlive());
        }
    }
}

package io.tradingstack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real agent thread: named after its role, woken by its producer, kept running through errors, stopped promptly. */
@Timeout(60)
class AgentLifecycleTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> done = new LinkedBlockingQueue<>();
    /** Parks an hour unless woken: the test fails by its timeout if a hand-over does not wake the agent. */
    private final WakeableIdleStrategy idle = WakeableIdleStrategy.untilWoken(Duration.ofHours(1));
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AgentLifecycle lifecycle = new AgentLifecycle(new EchoAgent(), idle, registry, 0);

    @AfterEach
    void stop() {
        lifecycle.stop();
    }

    @Test
    void shouldRunTheAgentOnADaemonThreadNamedAfterItsRoleAndWakeItForEachHandOver() throws Exception {
        lifecycle.start();

        for (int i = 0; i < 3; i++) {
            inbox.add("item-" + i);
            idle.wake();
            assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("item-" + i + " on echo-agent daemon=true");
        }
    }

    @Test
    void shouldCountAFailedIterationAndGoOn() throws Exception {
        lifecycle.start();

        inbox.add("fail");
        idle.wake();
        inbox.add("after");
        idle.wake();

        assertThat(done.poll(10, TimeUnit.SECONDS)).startsWith("after");
        assertThat(registry.get("trading.agent.errors").tag("agent", "echo-agent").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldStopAParkedAgentWithoutWaitingOutItsParkAndCloseItOnItsThread() throws Exception {
        lifecycle.start();
        inbox.add("first");
        idle.wake();
        assertThat(done.poll(10, TimeUnit.SECONDS)).isNotNull();

        lifecycle.stop(); // the agent is parked for an hour: only the wake on close ends it in time

        assertThat(lifecycle.isRunning()).isFalse();
        assertThat(closed.await(10, TimeUnit.SECONDS)).as("closed on its own thread, woken, not interrupted").isTrue();
    }

    private final class EchoAgent implements Agent {

        @Override
        public int doWork() {
            String item = inbox.poll();
            if (item == null) {
                return 0;
            }
            if (item.equals("fail")) {
                throw new IllegalStateException("cannot echo " + item);
            }
            Thread thread = Thread.currentThread();
            done.add(item + " on " + thread.getName() + " daemon=" + thread.isDaemon());
            return 1;
        }

        @Override
        public void onClose() {
            // Not interrupted: the runner's fallback after a 5 s wait is an interrupt, and it must not be needed.
            Thread thread = Thread.currentThread();
            if (thread.getName().equals(roleName()) && !thread.isInterrupted()) {
                closed.countDown();
            }
        }

        @Override
        public String roleName() {
            return "echo-agent";
        }
    }
}

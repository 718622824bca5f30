package io.tradingstack.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parking decisions on a clock and a parker the test holds, so each is exact; and one real
 * park, ended by a wake from another thread.
 */
class WakeableIdleStrategyTest {

    private static final long MILLI = 1_000_000L;

    private final AtomicLong now = new AtomicLong(5_000 * MILLI);
    private final AtomicLong due = new AtomicLong(WakeableIdleStrategy.NOTHING_DUE);
    private final List<Long> parks = new ArrayList<>();
    private final WakeableIdleStrategy idle =
        new WakeableIdleStrategy(due::get, Duration.ofMillis(100), now::get, parks::add);

    @Test
    void shouldParkUntilTheAgentIsNextDue() {
        due.set(now.get() + 7 * MILLI);

        idle.idle(0);

        assertThat(parks).containsExactly(7 * MILLI);
    }

    @Test
    void shouldParkNoLongerThanTheBoundWhenNothingIsDueSooner() {
        idle.idle(0);
        due.set(now.get() + 10_000 * MILLI);
        idle.idle(0);

        assertThat(parks).containsExactly(100 * MILLI, 100 * MILLI);
    }

    @Test
    void shouldNotParkAfterWorkOrWhenTheAgentIsAlreadyDue() {
        idle.idle(3);
        due.set(now.get());
        idle.idle(0);
        due.set(now.get() - MILLI);
        idle.idle(0);

        assertThat(parks).isEmpty();
    }

    @Test
    void shouldSkipOneParkForAWakeThatCameWhileTheAgentWasWorking() {
        idle.wake();
        idle.wake();

        idle.idle(0);
        assertThat(parks).as("the wake is not lost: the agent looks at its queue again first").isEmpty();

        idle.idle(0);
        assertThat(parks).as("two wakes before one look are one look").containsExactly(100 * MILLI);
    }

    @Test
    void shouldNeverParkOnceClosedUntilOpenedAgain() {
        idle.close();
        idle.idle(0);
        idle.idle(0);
        assertThat(parks).isEmpty();

        idle.open();
        idle.idle(0); // the wake that close() made
        idle.idle(0);
        assertThat(parks).containsExactly(100 * MILLI);
    }

    @Test
    void shouldRefuseABoundThatIsNotPositive() {
        assertThatThrownBy(() -> WakeableIdleStrategy.untilWoken(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxPark=PT0S, must be > 0");
    }

    @Test
    @Timeout(30)
    void shouldReturnFromAnHourLongParkWhenAProducerWakesIt() throws Exception {
        WakeableIdleStrategy hour = WakeableIdleStrategy.untilWoken(Duration.ofHours(1));
        CountDownLatch returned = new CountDownLatch(1);
        Thread agent = new Thread(() -> {
            hour.idle(0);
            returned.countDown();
        }, "parked-agent");
        agent.setDaemon(true);
        agent.start();

        // However the wake and the park interleave, the agent returns: the wake is never lost.
        while (!returned.await(10, TimeUnit.MILLISECONDS)) {
            hour.wake();
        }
        agent.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(agent.isAlive()).isFalse();
    }
}

package io.tradingstack.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every callback, in order, and the threads they came on. */
class RecordingListener implements FeedListener {

    /** A disconnect, as recorded. */
    record Disconnected(String reason) {
    }

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    @Override
    public void onConnected(ReplayRequest replay) {
        record(replay);
    }

    @Override
    public void onPrice(PriceTick tick) {
        record(tick);
    }

    @Override
    public void onNews(NewsTick tick) {
        record(tick);
    }

    @Override
    public void onDisconnected(String reason) {
        record(new Disconnected(reason));
    }

    private void record(Object event) {
        threads.add(Thread.currentThread());
        events.add(event);
    }

    /** The next callback, waiting up to 10 s. */
    Object next() throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a callback within 10 s").isNotNull();
        return event;
    }

    <T> T next(Class<T> type) throws InterruptedException {
        Object event = next();
        assertThat(event).isInstanceOf(type);
        return type.cast(event);
    }

    ReplayRequest nextConnected() throws InterruptedException {
        return next(ReplayRequest.class);
    }

    String nextDisconnected() throws InterruptedException {
        return next(Disconnected.class).reason();
    }

    /** The sequences of the next {@code count} callbacks, which must all be price ticks. */
    long[] nextPriceSeqs(int count) throws InterruptedException {
        long[] seqs = new long[count];
        for (int i = 0; i < count; i++) {
            seqs[i] = next(PriceTick.class).seq();
        }
        return seqs;
    }

    Set<Thread> threads() {
        return threads;
    }
}

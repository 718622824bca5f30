package io.tradingstack.ordermanager.book;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.AgentLifecycle;
import io.tradingstack.agent.PeriodicAgent;
import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.pricebook.PriceBookOpener;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The shared price book, as this service reads it. The orderbook creates the file, and may
 * start after this service: until the book opens, {@link #read} finds no price, orders are
 * rejected {@code NO_PRICE} and the {@code book} health is DOWN with the reason. The
 * {@code pricebook-opener} agent runs the shared {@link PriceBookOpener} every
 * {@code open-retry-interval}: it opens the file when it appears, and opens it again when it
 * was replaced by a new one (deleted and created again, not reopened in place by a restarting
 * orderbook). A file that is not a compatible book (yet) is retried as well: services start in
 * any order, so a half-created file is no reason to stop.
 *
 * <p>Reads are lock-free and safe from any thread (the seqlock reader of shared-lib); each
 * thread brings its own {@link PriceSnapshot}.
 */
public final class BookPrices implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BookPrices.class);

    static final String OPENER_ROLE = "pricebook-opener";

    private final PriceBookOpener opener;
    private final EpochNanoClock clock;
    /** The opener agent: its checks after the first, once per retry interval. */
    private final AgentLifecycle openerLoop;

    public BookPrices(PriceBookReaderProperties properties, EpochNanoClock clock, MeterRegistry registry) {
        this.opener = new PriceBookOpener(properties, clock);
        this.clock = clock;
        PeriodicAgent checks = new PeriodicAgent(OPENER_ROLE,
            PeriodicSchedule.every(properties.openRetryInterval(), false), opener::check);
        this.openerLoop = new AgentLifecycle(checks, checks.idleStrategy(), registry, getPhase());
    }

    /** Opens the book now if it can, and starts looking after it in the background. */
    @Override
    public synchronized void start() {
        if (openerLoop.isRunning()) {
            return;
        }
        // On this thread, before the order server starts: an order finds the book if it was there.
        if (!opener.check() && !opener.isOpen()) {
            log.warn("Price book {} not available yet ({}); orders are rejected NO_PRICE meanwhile", path(), opener.problem());
        }
        openerLoop.start(); // the only caller of opener.check() from now on
    }

    @Override
    public synchronized void stop() {
        openerLoop.stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return openerLoop.isRunning();
    }

    /** Before the order server, which starts in the default (last) phase. */
    @Override
    public int getPhase() {
        return 0;
    }

    public boolean isOpen() {
        return opener.isOpen();
    }

    /** Why the book is not open; "" once it is. */
    public String openFailure() {
        return opener.isOpen() ? "" : opener.problem();
    }

    public Path path() {
        return opener.properties().path();
    }

    public Duration staleness() {
        return opener.properties().staleness();
    }

    /**
     * Copies the symbol's slot into {@code into}, judging staleness against {@code nowNanos}
     * ({@code Long.MIN_VALUE}: any written price counts as FRESH, for marking positions).
     *
     * @return the slot's status; {@code null} when the book is not open or the orderbook has
     *         not registered the symbol: there is no price at all
     */
    public SlotStatus read(String symbol, PriceSnapshot into, long nowNanos) {
        PriceBookReader book = opener.reader();
        if (book == null) {
            return null;
        }
        int slot = book.slotOf(symbol);
        return slot < 0 ? null : book.read(slot, into, nowNanos);
    }

    /** The reader's clock, the one staleness is judged by. */
    public long now() {
        return clock.epochNanos();
    }
}

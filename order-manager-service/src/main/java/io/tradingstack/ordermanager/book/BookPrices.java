package io.tradingstack.ordermanager.book;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.AgentErrorHandler;
import io.tradingstack.agent.AgentThread;
import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.agent.WakeableIdleStrategy;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.pricebook.PriceBookOpener;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.agrona.concurrent.Agent;
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

    private final PriceBookOpener opener;
    private final EpochNanoClock clock;
    private final Duration retryInterval;
    private final AgentErrorHandler errors;
    private AgentThread openerThread; // guarded by this

    public BookPrices(PriceBookReaderProperties properties, EpochNanoClock clock, MeterRegistry registry) {
        this.opener = new PriceBookOpener(properties, clock);
        this.clock = clock;
        this.retryInterval = properties.openRetryInterval();
        this.errors = new AgentErrorHandler(OpenerAgent.ROLE, registry);
    }

    /** Opens the book now if it can, and starts looking after it in the background. */
    @Override
    public synchronized void start() {
        if (openerThread != null) {
            return;
        }
        // On this thread, before the order server starts: an order finds the book if it was there.
        if (!opener.check() && !opener.isOpen()) {
            log.warn("Price book {} not available yet ({}); orders are rejected NO_PRICE meanwhile", path(), opener.problem());
        }
        OpenerAgent agent = new OpenerAgent(opener, PeriodicSchedule.every(retryInterval, false));
        openerThread = AgentThread.start(agent, WakeableIdleStrategy.untilDue(agent.schedule::dueNanos, retryInterval),
            errors);
    }

    @Override
    public synchronized void stop() {
        if (openerThread != null) {
            openerThread.close();
            openerThread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return openerThread != null;
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

    /** Checks the book file once per period; the only thread that calls {@link PriceBookOpener#check()} after start. */
    static final class OpenerAgent implements Agent {

        static final String ROLE = "pricebook-opener";

        private final PriceBookOpener opener;
        private final PeriodicSchedule schedule;

        OpenerAgent(PriceBookOpener opener, PeriodicSchedule schedule) {
            this.opener = opener;
            this.schedule = schedule;
        }

        @Override
        public int doWork() {
            if (!schedule.claim()) {
                return 0;
            }
            opener.check();
            return 1;
        }

        @Override
        public String roleName() {
            return ROLE;
        }
    }
}

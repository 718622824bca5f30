package io.tradingstack.ordermanager.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.ordermanager.engine.OrderEngine;
import io.tradingstack.ordermanager.engine.OrderEntry;
import io.tradingstack.ordermanager.engine.OrderEvents;
import io.tradingstack.ordermanager.position.PositionBook;
import io.tradingstack.ordermanager.risk.RiskCheck;
import io.tradingstack.ordermanager.risk.RiskLimits;
import io.tradingstack.ordermanager.store.InMemoryOrderStore;
import io.tradingstack.ordermanager.validation.OrderValidator;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.Prices;
import io.tradingstack.tcp.FrameConnections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Coverage-guided fuzzing of the order path: the frames of one connection, as the order server
 * decodes them, through the {@link OrderProtocol} and the order entry to the {@link OrderEngine}
 * (validation, risk, immediate-or-cancel) over an in-memory order store and a price book whose
 * quotes never change ({@link FixedQuoteBook}). A normal test run replays the seed corpus in
 * {@code OrderPathFuzzTestInputs/everyFrameGetsTheAnswerTheOrderRulesGive} of the test resources;
 * to search for new inputs run
 * {@code JAZZER_FUZZ=1 ./mvnw -pl order-manager-service -am test -Dtest=OrderPathFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>The input is the connection's frames, one payload per line ({@code \n}; a last empty line is
 * no frame), each decoded by a codec with a 512-byte maximum (Framing.SMALLEST_ORDER_FRAME_LENGTH), so a longer line is a frame over the
 * maximum and an empty one a frame of length 0. Frames go to the protocol in order until it closes
 * the connection, as the frame server hands them on. Properties, checked by {@link ExpectedAnswers}:
 * <ul>
 * <li>no input escapes as an exception;</li>
 * <li>every frame gets exactly one answer: an order or cancel frame, valid or with values that
 * break a rule, one execution and the connection stays open; a protocol violation, a logon after the first
 * frame or a message a client may not send, one {@code error} naming its reason and a close; a
 * first logon, nothing;</li>
 * <li>each execution is FILLED or REJECTED with a known reason, the one the order rules give
 * against the fixed book: a FILLED order is for a traded symbol with a fresh price, for 1 to the
 * maximum quantity, within the collar, marketable, fills whole at the touch and keeps the position
 * and gross notional limits;</li>
 * <li>order ids strictly increase and are never given twice; the same {@code clientOrderId} with
 * the same content gets the original execution, with other content {@code DUPLICATE_CLIENT_ORDER_ID}
 * and the original's id; a cancel gets its decided order's execution, or else a REJECTED
 * {@code CANCELLED} under a new id that every later copy of the order gets too;</li>
 * <li>the strategy's codec reads every execution back as it was sent.</li>
 * </ul>
 */
class OrderPathFuzzTest {

    static final int MAX_FRAME_LENGTH = Framing.SMALLEST_ORDER_FRAME_LENGTH;
    static final ExpectedAnswers.Limits LIMITS = new ExpectedAnswers.Limits(
        Set.of("AAPL", "MSFT", FixedQuoteBook.STALE, FixedQuoteBook.NEVER_PRICED, FixedQuoteBook.UNREGISTERED),
        1_000, 50_000, 1_500, 500_000 * Prices.SCALE);
    static final int MAX_ORDERS_PER_SECOND = 5;

    /** Per order line the engine reads the clock a few times: 10 ms a reading lets the rate limit bite within an input. */
    static final long CLOCK_STEP_NANOS = 10_000_000L;

    /** Small, so that an input of a few orders already reserves ids more than once. */
    private static final long ORDER_ID_BLOCK = 8;

    /** The order log and the refusal warnings, one line per frame, would slow fuzzing to a crawl. */
    private static final List<String> QUIET_LOGGERS = List.of(OrderEvents.ORDER_LOGGER, "io.tradingstack");

    @TempDir
    static Path bookDirectory;

    /**
     * Opened by the first input, not in {@code @BeforeAll}: that runs before Jazzer installs its
     * agent when fuzzing, and a class loaded then (PriceBookReaderProperties) failed with
     * NoSuchFieldError once the agent instrumented it.
     */
    private static FixedQuoteBook book;
    private static final Map<String, Level> LEVELS_BEFORE = new HashMap<>();

    private final OrderEvents events = new OrderEvents(new SimpleMeterRegistry());
    private final MessageCodec serverCodec = new MessageCodec(MAX_FRAME_LENGTH);
    private final MessageCodec strategyCodec = new MessageCodec(MAX_FRAME_LENGTH);
    private final StrategyTokens noTokens = new StrategyTokens(Map.of());

    @BeforeAll
    static void quietLogs() {
        for (String name : QUIET_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            LEVELS_BEFORE.put(name, logger.getLevel());
            logger.setLevel(Level.ERROR);
        }
    }

    @AfterAll
    static void restoreLogsAndCloseBook() {
        LEVELS_BEFORE.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        if (book != null) {
            book.close();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void everyFrameGetsTheAnswerTheOrderRulesGive(byte[] input) {
        if (book == null) {
            book = FixedQuoteBook.create(bookDirectory);
        }
        EpochNanoClock clock = new SteppingClock(FixedQuoteBook.WRITTEN_AT, CLOCK_STEP_NANOS);
        OrderEngine engine = new OrderEngine(new InMemoryOrderStore(), new PositionBook(),
            new OrderValidator(List.copyOf(LIMITS.symbols()), LIMITS.maxQuantity(), LIMITS.collarPpm()),
            new RiskCheck(new RiskLimits(LIMITS.maxPosition(), LIMITS.maxGrossNotional(), MAX_ORDERS_PER_SECOND)),
            book.prices(), clock, ORDER_ID_BLOCK);
        OrderEntry entry = new OrderEntry(engine, Duration.ofSeconds(10), new SimpleMeterRegistry());
        try {
            OrderProtocol protocol = new OrderProtocol(entry, events, noTokens, clock);
            RecordedConnection connection = new RecordedConnection();
            OrderSession session = protocol.onOpen(FrameConnections.over(connection));
            ExpectedAnswers expected = new ExpectedAnswers(LIMITS, strategyCodec);

            for (byte[] payload : lines(input)) {
                if (session.connection().isClosed()) {
                    break; // the frame server hands a closing connection's protocol nothing more
                }
                Decoded frame = serverCodec.decode(payload);
                int answered = connection.sent().size();
                protocol.onFrame(session, frame);
                session.awaitAnswered(); // usually answered already: this thread committed it; else the committing thread answers it
                expected.check(frame, List.copyOf(connection.sent().subList(answered, connection.sent().size())),
                    session.connection().isClosed());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an answer", e);
        } finally {
            entry.destroy();
        }
    }

    /** The input cut at each {@code \n}; a last empty line (the input ends with {@code \n}) is no frame. */
    static List<byte[]> lines(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                if (i < input.length || i > from) {
                    lines.add(Arrays.copyOfRange(input, from, i));
                }
                from = i + 1;
            }
        }
        return lines;
    }

    /** A clock that moves on by a fixed step at every reading, so that each input sees the same times. */
    private static final class SteppingClock implements EpochNanoClock {

        private final long step;
        private long now;

        SteppingClock(long start, long step) {
            this.now = start;
            this.step = step;
        }

        @Override
        public long epochNanos() {
            now += step;
            return now;
        }
    }
}

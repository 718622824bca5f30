package io.tradingstack.ordermanager.server;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.ordermanager.RejectReason;
import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.ordermanager.engine.Decision;
import io.tradingstack.ordermanager.engine.OrderEntry;
import io.tradingstack.ordermanager.engine.OrderEvents;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.MessageType;
import io.tradingstack.protocol.Order;
import io.tradingstack.tcp.FrameConnection;
import io.tradingstack.tcp.FrameHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order protocol of the order port, one connection at a time on its reading thread, on top
 * of the shared frame server (which refuses connections over the cap and frames not complete
 * within the read timeout):
 * <ul>
 * <li>with tokens configured, the first frame must be a {@code logon} with a matching token,
 * else {@code error AUTH_FAILED} and close; a good logon gets no reply. Without tokens a
 * {@code logon} is accepted, not required, and binds the connection to its strategy just the
 * same. A logon is only ever the first frame: any other is {@code UNEXPECTED_FRAME};</li>
 * <li>every {@code order} frame gets exactly one {@code execution}: decoded orders from the
 * {@link OrderEntry}, sent only once the journal holds them; an order whose values do not
 * decode is REJECTED with the reason, under its {@code clientOrderId} as sent (made printable
 * and cut to 64 characters; "" when it was empty), and the connection stays open;</li>
 * <li>except an order in doubt (the journal failed while storing it): it gets
 * {@code error JOURNAL_UNAVAILABLE} and a close, never an execution it may not have stored; the
 * client resends it after a restart. So does a frame that finds the journal failed and no order id
 * left that the journal holds reserved: an execution without an id of its own is not one;</li>
 * <li>every {@code cancel} frame gets exactly one {@code execution} too, decided in turn with the
 * orders ({@link OrderEntry#cancel}): its order's own, or REJECTED {@code CANCELLED} stored as a
 * fence; a cancel that would need a fence while the journal is failed gets
 * {@code error JOURNAL_UNAVAILABLE} and a close, like an order in doubt;</li>
 * <li>a protocol violation (the frame or its JSON is no message of this protocol) or a frame a
 * client may not send gets an {@code error} naming the reason, a count in
 * {@code trading.frames.invalid} and a close of that connection only.</li>
 * </ul>
 */
final class OrderProtocol implements FrameHandler<OrderSession> {

    private static final Logger log = LoggerFactory.getLogger(OrderProtocol.class);

    private static final int MAX_ID_LENGTH = 64;

    private final OrderEntry entry;
    private final OrderEvents events;
    private final StrategyTokens tokens;
    private final EpochNanoClock clock;

    OrderProtocol(OrderEntry entry, OrderEvents events, StrategyTokens tokens, EpochNanoClock clock) {
        this.entry = entry;
        this.events = events;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public OrderSession onOpen(FrameConnection connection) {
        return new OrderSession(connection, SessionReply::new);
    }

    @Override
    public void onFrame(OrderSession session, Decoded frame) {
        long receivedTs = clock.epochNanos();
        if (frame instanceof DecodeError error && error.isProtocolViolation()) {
            refuse(session, error.toErrorFrame());
            return;
        }
        boolean first = session.firstFrame();
        if (frame instanceof Logon logon) {
            onLogon(session, logon, first);
            return;
        }
        if (tokens.required() && session.strategyId() == null) {
            refuse(session, new ErrorFrame(SessionRefusal.AUTH_FAILED.name(), "logon required before any other frame"));
            return;
        }
        try {
            if (frame instanceof Order order) {
                submit(session, reply -> entry.submit(order, session.strategyId(), receivedTs, reply));
            } else if (frame instanceof Cancel cancel) {
                submit(session, reply -> entry.cancel(cancel, session.strategyId(), receivedTs, reply));
            } else if (frame instanceof DecodeError error
                    && (error.type() == MessageType.ORDER || error.type() == MessageType.CANCEL)) {
                Rejection rejection = new Rejection(RejectReason.of(error), "field=" + error.field() + " " + error.detail());
                String clientOrderId = printable(error.clientOrderId());
                submit(session, reply -> entry.refuseUndecodable(clientOrderId, rejection, receivedTs, reply));
            } else if (frame instanceof DecodeError error) {
                refuse(session, error.toErrorFrame());
            } else {
                refuse(session, new ErrorFrame(SessionRefusal.UNEXPECTED_FRAME.name(),
                    "a client may not send " + ((Message) frame).type().wireName()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.connection().close();
        } catch (IllegalStateException e) {
            log.warn("connection={} closed: {}", session.id(), e.getMessage());
            awaitAnswered(session);
            session.connection().closeWith(
                new ErrorFrame(SessionRefusal.UNAVAILABLE.name(), "the order manager cannot decide orders now"));
        }
    }

    /** How a frame is handed to the entry, with the reply its answer goes to. */
    @FunctionalInterface
    private interface Submission {
        void to(OrderEntry.Reply reply) throws InterruptedException;
    }

    /** Decides a frame now; its execution follows once it is stored, on the committing thread. */
    private static void submit(OrderSession session, Submission submission) throws InterruptedException {
        session.expectAnswer();
        try {
            submission.to(session.reply());
        } catch (InterruptedException | RuntimeException e) {
            session.answered(); // not decided: no answer will come
            throw e;
        }
    }

    /**
     * A refusal on the reading thread: the executions owed for the frames before it go out first,
     * then the {@code error} and the close.
     */
    private static void refuse(OrderSession session, ErrorFrame error) {
        awaitAnswered(session);
        session.connection().refuse(error);
    }

    private static void awaitAnswered(OrderSession session) {
        try {
            session.awaitAnswered();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing anyway
        }
    }

    /** Where the engine's answers to one connection go, on the committing thread (this connection's or another's). */
    private final class SessionReply implements OrderEntry.Reply {

        private final OrderSession session;

        SessionReply(OrderSession session) {
            this.session = session;
        }

        @Override
        public void answer(Decision decision) {
            try {
                OrderProtocol.this.answer(session, decision);
            } finally {
                session.answered();
            }
        }

        @Override
        public void failed(RuntimeException cause) {
            try {
                log.warn("connection={} closed: order engine failed: {}", session.id(), cause.toString());
                session.connection().closeWith(
                    new ErrorFrame(SessionRefusal.UNAVAILABLE.name(), "the order manager cannot decide orders now"));
            } finally {
                session.answered();
            }
        }

        @Override
        public void stalled(long blockedNanos) {
            if (!session.connection().isClosed()) {
                log.warn("connection={} cut: writing its execution has blocked for {} ms, so the strategy is not reading"
                    + " its answers (answer-write-timeout); its orders are stored, and a resend after the reconnect"
                    + " gets their executions", session.id(), TimeUnit.NANOSECONDS.toMillis(blockedNanos));
            }
            session.connection().close(); // ends the blocked write
        }
    }

    private void onLogon(OrderSession session, Logon logon, boolean first) {
        if (!first) {
            refuse(session, new ErrorFrame(SessionRefusal.UNEXPECTED_FRAME.name(),
                session.strategyId() == null
                    ? "a logon must be the first frame" : "a second logon; logged on as " + session.strategyId()));
            return;
        }
        if (tokens.required() && !tokens.matches(logon.strategyId(), logon.token())) {
            refuse(session, new ErrorFrame(SessionRefusal.AUTH_FAILED.name(), "unknown strategy or wrong token"));
            return;
        }
        session.logOn(logon.strategyId());
        log.info("connection={} logged on as strategyId={}", session.id(), logon.strategyId());
    }

    /** Sends the execution, then logs and counts the order, whether the send worked or not. */
    private void answer(OrderSession session, Decision decision) {
        if (decision.outcome() == Decision.Outcome.IN_DOUBT) {
            closeUnanswered(session, decision, "the journal failed while storing this order, which may or may not be"
                + " stored; resend the same clientOrderId once the order manager is back");
            return;
        }
        if (decision.outcome() == Decision.Outcome.NO_ORDER_ID) {
            closeUnanswered(session, decision, "the journal failed and has no order id left to answer with; this order"
                + " was not decided: resend the same clientOrderId once the order manager is back");
            return;
        }
        if (decision.outcome() == Decision.Outcome.UNFENCED) {
            closeUnanswered(session, decision, "the journal failed and cannot store this cancel; the order it names was"
                + " not decided: send the cancel again once the order manager is back");
            return;
        }
        try {
            session.connection().send(decision.execution());
        } catch (RuntimeException e) {
            // The client went away; Spring Integration closes the connection.
            log.debug("connection={} execution not sent: {}", session.id(), e.toString());
        } finally {
            events.record(decision, session.id());
        }
    }

    /**
     * An order the journal may or may not hold, or one left without an order id: no execution (it
     * would acknowledge what may not be stored, or carry an id a restart could hand out again), an
     * {@code error} and a close, so the client's order stays open on its side and is resent. Logged
     * and counted on the order log like every order frame.
     */
    private void closeUnanswered(OrderSession session, Decision decision, String detail) {
        // Counted before the close: whoever saw the connection close finds it counted.
        events.record(decision, session.id());
        session.connection().closeWith(new ErrorFrame(SessionRefusal.JOURNAL_UNAVAILABLE.name(), detail));
    }

    /** A client order id as sent, made printable ASCII ('?' for anything else) and cut to 64 characters. */
    static String printable(String clientOrderId) {
        int length = Math.min(clientOrderId.length(), MAX_ID_LENGTH);
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = clientOrderId.charAt(i);
            id.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return id.toString();
    }
}

package io.tradingstack.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Valid messages of every type, with values across their whole allowed range. */
final class MessageArbitraries {

    private MessageArbitraries() {
    }

    static Arbitrary<Long> positive() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 1_000_000), Arbitraries.longs().between(1, Long.MAX_VALUE));
    }

    static Arbitrary<Long> timestamps() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE);
    }

    /** Fixed-point prices: small realistic ones, ones with all 8 decimals, and extremes. */
    static Arbitrary<Long> prices() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 100_000L * Prices.SCALE),
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.of(1L, Prices.SCALE, Long.MAX_VALUE, 18_725_000_000L));
    }

    static Arbitrary<String> symbols() {
        return Arbitraries.strings().withCharRange('!', '~').excludeChars('"', '\\')
                .ofMinLength(1).ofMaxLength(Symbols.MAX_LENGTH);
    }

    static Arbitrary<String> identifiers() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(64);
    }

    /** Any Unicode text without lone surrogates: controls, quotes, backslashes, accents, emoji. */
    static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x1F)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((int) '"', (int) '\\', (int) '/')),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x80, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(80).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    static Arbitrary<PriceTick> priceTicks() {
        return Combinators.combine(positive(), positive(), symbols(), prices(), Arbitraries.longs().between(0, Long.MAX_VALUE),
                        timestamps())
                .as((session, seq, symbol, bid, spread, ts) ->
                        new PriceTick(session, seq, symbol, bid, bid + Math.min(spread, Long.MAX_VALUE - bid), ts));
    }

    static Arbitrary<NewsTick> newsTicks() {
        return Combinators.combine(positive(), positive(), symbols(), Arbitraries.integers().between(0, 100), text(), timestamps())
                .as(NewsTick::new);
    }

    static Arbitrary<Heartbeat> heartbeats() {
        return Combinators.combine(positive(), Arbitraries.longs().between(0, Long.MAX_VALUE), timestamps()).as(Heartbeat::new);
    }

    static Arbitrary<ReplayRequest> replayRequests() {
        Arbitrary<ReplayRequest> liveOnly = Arbitraries.of(ReplayRequest.liveOnly());
        Arbitrary<ReplayRequest> liveInSession = positive().map(session -> new ReplayRequest(0, session));
        Arbitrary<ReplayRequest> fromSeq = Combinators.combine(positive(), positive()).as(ReplayRequest::new);
        return Arbitraries.oneOf(liveOnly, liveInSession, fromSeq);
    }

    static Arbitrary<Reset> resets() {
        return Combinators.combine(positive(), positive()).as(Reset::new);
    }

    static Arbitrary<Logon> logons() {
        return Combinators.combine(identifiers(), Arbitraries.oneOf(Arbitraries.just(""), text())).as(Logon::new);
    }

    static Arbitrary<Order> orders() {
        Arbitrary<Long> limit = Arbitraries.oneOf(Arbitraries.just(Prices.NONE), prices());
        Arbitrary<Long> origin = Arbitraries.oneOf(Arbitraries.just(0L), timestamps());
        return Combinators.combine(identifiers(), identifiers(), symbols(), Arbitraries.of(Side.class), positive(), limit, origin)
                .as(Order::new);
    }

    static Arbitrary<Cancel> cancels() {
        return Combinators.combine(identifiers(), identifiers()).as(Cancel::new);
    }

    static Arbitrary<Execution> executions() {
        Arbitrary<Execution> filled = Combinators.combine(identifiers(), positive(), positive(), prices(), timestamps())
                .as(Execution::filled);
        Arbitrary<Execution> rejected = Combinators.combine(identifiers(), positive(),
                        text().filter(reason -> !reason.isEmpty()), timestamps())
                .as(Execution::rejected);
        return Arbitraries.oneOf(filled, rejected);
    }

    static Arbitrary<ErrorFrame> errorFrames() {
        return Combinators.combine(text().filter(reason -> !reason.isEmpty()), Arbitraries.oneOf(Arbitraries.just(""), text()))
                .as(ErrorFrame::new);
    }
}

package io.tradingstack.gateway.market;

import java.util.List;
import java.util.SplittableRandom;

import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.gateway.feed.PriceQuote;
import io.tradingstack.protocol.Prices;

/**
 * The simulated market: one {@link GeometricBrownianMotion} per symbol, stepped in round-robin
 * order, so that N ticks per second give each of k symbols N/k. Each symbol's path has its own
 * seed derived from the configured seed and the symbol, so adding a symbol leaves the others'
 * paths unchanged.
 */
final class MarketSimulator {

    private final String[] symbols;
    private final GeometricBrownianMotion[] paths;
    private final Quoter quoter;
    private int next;

    MarketSimulator(List<String> symbols, List<GeometricBrownianMotion> paths, Quoter quoter) {
        if (symbols.isEmpty() || symbols.size() != paths.size()) {
            throw new IllegalArgumentException("symbols=" + symbols.size() + ", paths=" + paths.size()
                    + ": one path per symbol, at least one");
        }
        this.symbols = symbols.toArray(new String[0]);
        this.paths = paths.toArray(new GeometricBrownianMotion[0]);
        this.quoter = quoter;
    }

    static MarketSimulator from(GatewayProperties.Market market) {
        double stepYears = market.timeStep().toNanos() / 1e9 / GeometricBrownianMotion.SECONDS_PER_YEAR;
        List<GeometricBrownianMotion> paths = market.symbols().stream()
                .map(symbol -> new GeometricBrownianMotion(market.initialPrice(symbol).doubleValue(), market.drift(),
                        market.volatility(), stepYears, symbolSeed(market.seed(), symbol)))
                .toList();
        Quoter quoter = new Quoter(Prices.parse(market.tickSize().toPlainString()),
                Prices.parse(market.spread().toPlainString()));
        return new MarketSimulator(market.symbols(), paths, quoter);
    }

    /** A well-mixed seed per symbol; {@link String#hashCode()} is specified, so it is the same on every JVM. */
    static long symbolSeed(long seed, String symbol) {
        return new SplittableRandom(seed ^ ((long) symbol.hashCode() << 32)).nextLong();
    }

    /** Steps the next symbol in turn and quotes it. */
    PriceQuote next() {
        int index = next;
        next = index + 1 == symbols.length ? 0 : index + 1;
        return quoter.quote(symbols[index], paths[index].next());
    }
}

package io.tradingstack.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.gateway.feed.PriceQuote;
import io.tradingstack.protocol.Prices;
import org.junit.jupiter.api.Test;

class MarketSimulatorTest {

    @Test
    void shouldQuoteTheSymbolsInTurnFromTheirInitialPrices() {
        List<PriceQuote> quotes = quotes(market(List.of("AAPL", "MSFT", "GOOGL"), 1), 6);

        assertThat(quotes).extracting(PriceQuote::symbol).containsExactly("AAPL", "MSFT", "GOOGL", "AAPL", "MSFT", "GOOGL");
        assertThat(Prices.toDouble(quotes.get(0).bid())).isCloseTo(190, offset(1.0));
        assertThat(Prices.toDouble(quotes.get(1).bid())).isCloseTo(420, offset(1.0));
        assertThat(Prices.toDouble(quotes.get(2).bid())).isCloseTo(100, offset(1.0));
    }

    @Test
    void shouldRepeatTheQuotesForTheSameSeedAndDifferForAnother() {
        assertThat(quotes(market(List.of("AAPL", "MSFT"), 5), 1_000)).isEqualTo(quotes(market(List.of("AAPL", "MSFT"), 5), 1_000));
        assertThat(quotes(market(List.of("AAPL", "MSFT"), 5), 1_000)).isNotEqualTo(quotes(market(List.of("AAPL", "MSFT"), 6), 1_000));
    }

    @Test
    void shouldLeaveASymbolsPathUnchangedWhenAnotherSymbolIsAdded() {
        List<PriceQuote> alone = quotes(market(List.of("AAPL"), 9), 100);
        List<PriceQuote> withOthers = quotes(market(List.of("AAPL", "MSFT"), 9), 200).stream()
                .filter(quote -> quote.symbol().equals("AAPL")).toList();

        assertThat(withOthers).isEqualTo(alone);
    }

    private static List<PriceQuote> quotes(GatewayProperties.Market market, int count) {
        MarketSimulator simulator = MarketSimulator.from(market);
        List<PriceQuote> quotes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            quotes.add(simulator.next());
        }
        return quotes;
    }

    private static GatewayProperties.Market market(List<String> symbols, long seed) {
        return new GatewayProperties.Market(symbols, 100, seed, new BigDecimal("100"),
                Map.of("AAPL", new BigDecimal("190"), "MSFT", new BigDecimal("420")), 0.0, 0.3, Duration.ofSeconds(1),
                new BigDecimal("0.01"), new BigDecimal("0.02"));
    }
}

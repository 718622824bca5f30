package io.tradingstack.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.gateway.feed.PriceQuote;
import io.tradingstack.protocol.Prices;
import org.junit.jupiter.api.Test;

class QuoterTest {

    private static final long CENT = Prices.parse("0.01");

    @Test
    void shouldQuoteWholeTicksAroundTheMidWithTheSpread() {
        PriceQuote quote = new Quoter(CENT, Prices.parse("0.02")).quote("AAPL", 190.004);

        assertThat(quote).isEqualTo(new PriceQuote("AAPL", Prices.parse("189.99"), Prices.parse("190.01")));
    }

    @Test
    void shouldRoundTheSpreadUpToWholeTicksAndAtLeastOne() {
        assertThat(new Quoter(CENT, Prices.parse("0.015")).spread()).isEqualTo(Prices.parse("0.02"));
        assertThat(new Quoter(CENT, Prices.parse("0.00000001")).spread()).isEqualTo(CENT);
        assertThat(new Quoter(Prices.parse("0.05"), Prices.parse("0.02")).spread()).isEqualTo(Prices.parse("0.05"));
    }

    @Test
    void shouldKeepTheBidAtLeastOneTickWhenTheMidIsTiny() {
        PriceQuote quote = new Quoter(CENT, Prices.parse("0.02")).quote("PENNY", 0.0001);

        assertThat(quote.bid()).isEqualTo(CENT);
        assertThat(quote.ask()).isEqualTo(Prices.parse("0.03"));
    }

    @Test
    void shouldKeepBidPositiveBelowAskOnWholeTicksAlongAVolatilePath() {
        Quoter quoter = new Quoter(CENT, Prices.parse("0.02"));
        GeometricBrownianMotion gbm = new GeometricBrownianMotion(5, 0, 3.0, 1.0 / 365, 3);

        for (int i = 0; i < 100_000; i++) {
            PriceQuote quote = quoter.quote("X", gbm.next());
            assertThat(quote.bid()).isPositive().isLessThan(quote.ask());
            assertThat(quote.bid() % CENT).isZero();
            assertThat(quote.ask() % CENT).isZero();
        }
    }
}

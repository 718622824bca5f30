package io.tradingstack.ordermanager.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import org.junit.jupiter.api.Test;

class ImmediateOrCancelTest {

    private static final long BID = Prices.parse("100.00");
    private static final long ASK = Prices.parse("100.02");

    @Test
    void shouldBuyAtTheAskAndSellAtTheBid() {
        assertThat(ImmediateOrCancel.fillPrice(order(Side.BUY, Prices.NONE), BID, ASK)).isEqualTo(ASK);
        assertThat(ImmediateOrCancel.fillPrice(order(Side.SELL, Prices.NONE), BID, ASK)).isEqualTo(BID);
    }

    @Test
    void shouldFillACrossingLimitAtTheBookPrice() {
        assertThat(ImmediateOrCancel.fillPrice(order(Side.BUY, Prices.parse("101")), BID, ASK)).isEqualTo(ASK);
        assertThat(ImmediateOrCancel.fillPrice(order(Side.BUY, ASK), BID, ASK)).isEqualTo(ASK);
        assertThat(ImmediateOrCancel.fillPrice(order(Side.SELL, Prices.parse("99")), BID, ASK)).isEqualTo(BID);
        assertThat(ImmediateOrCancel.fillPrice(order(Side.SELL, BID), BID, ASK)).isEqualTo(BID);
    }

    @Test
    void shouldNotFillALimitThatDoesNotCross() {
        assertThat(ImmediateOrCancel.fillPrice(order(Side.BUY, ASK - 1), BID, ASK)).isEqualTo(Prices.NONE);
        assertThat(ImmediateOrCancel.fillPrice(order(Side.SELL, BID + 1), BID, ASK)).isEqualTo(Prices.NONE);
    }

    private static Order order(Side side, long limit) {
        return new Order("c1", "s1", "AAPL", side, 1, limit, 0);
    }
}

package io.tradingstack.ordermanager.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.protocol.Prices;
import org.junit.jupiter.api.Test;

/** P&amp;L arithmetic in fixed point: every amount is exact, and rounding neither makes nor loses money. */
class PositionTest {

    private final Position position = new Position();

    @Test
    void shouldRealizeTheClosedPartAndKeepTheAverageOfTheRest() {
        position.fill(10, p("100.02"));
        position.fill(-4, p("101.00"));

        PositionView view = position.view("AAPL");
        assertThat(view.quantity()).isEqualTo(6);
        assertThat(view.cost()).isEqualTo(p("600.12"));
        assertThat(view.averagePrice()).isEqualTo(p("100.02"));
        assertThat(view.realizedPnl()).isEqualTo(p("3.92")); // (101.00 - 100.02) × 4
        assertThat(view.unrealizedPnl(p("101.00"))).isEqualTo(p("5.88")); // 6 × 101.00 - 600.12
        assertThat(view.lastPrice()).isEqualTo(p("101.00"));
    }

    @Test
    void shouldAverageSeveralBuys() {
        position.fill(10, p("100"));
        position.fill(30, p("104"));

        PositionView view = position.view("AAPL");
        assertThat(view.quantity()).isEqualTo(40);
        assertThat(view.averagePrice()).isEqualTo(p("103"));
        assertThat(view.unrealizedPnl(p("102"))).isEqualTo(p("-40"));
    }

    @Test
    void shouldRealizeAProfitWhenCoveringAShortBelowItsPrice() {
        position.fill(-10, p("100"));
        position.fill(4, p("99"));

        PositionView view = position.view("MSFT");
        assertThat(view.quantity()).isEqualTo(-6);
        assertThat(view.cost()).isEqualTo(p("-600"));
        assertThat(view.averagePrice()).isEqualTo(p("100"));
        assertThat(view.realizedPnl()).isEqualTo(p("4"));
        assertThat(view.unrealizedPnl(p("98"))).isEqualTo(p("12")); // short 6 from 100, mark 98
    }

    @Test
    void shouldCloseTheOldSideAndOpenTheNewOneAtTheFillPriceWhenAFillGoesThroughZero() {
        position.fill(10, p("100"));
        position.fill(-15, p("110"));

        PositionView view = position.view("GOOGL");
        assertThat(view.quantity()).isEqualTo(-5);
        assertThat(view.realizedPnl()).isEqualTo(p("100"));
        assertThat(view.averagePrice()).isEqualTo(p("110"));
        assertThat(view.cost()).isEqualTo(p("-550"));
    }

    @Test
    void shouldRemoveTheWholeCostWhenFlatSoRoundingLosesNothing() {
        // cost 3.00000002 for 3: a third of it is not a whole fixed-point unit
        position.fill(1, p("1.00000000"));
        position.fill(2, p("1.00000001"));
        position.fill(-1, p("1.00000001"));
        position.fill(-2, p("1.00000001"));

        PositionView view = position.view("AAPL");
        assertThat(view.quantity()).isZero();
        assertThat(view.cost()).isZero();
        // paid 3.00000002, received 3.00000003: exactly one unit made, however it was split
        assertThat(view.realizedPnl()).isEqualTo(1);
        assertThat(view.averagePrice()).isEqualTo(Prices.NONE);
        assertThat(view.unrealizedPnl(p("5"))).isZero();
    }

    @Test
    void shouldRoundTheAveragePriceHalfUpToTheUnit() {
        position.fill(1, p("1.00000000"));
        position.fill(2, p("1.00000001"));
        // 3.00000002 / 3 = 1.000000006..
        assertThat(position.view("AAPL").averagePrice()).isEqualTo(p("1.00000001"));
    }

    @Test
    void shouldRefuseAnEmptyFillOrANonPositivePrice() {
        assertThatThrownBy(() -> position.fill(0, p("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> position.fill(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long p(String decimal) {
        return Prices.parse(decimal);
    }
}

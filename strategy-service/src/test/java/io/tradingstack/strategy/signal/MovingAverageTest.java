package io.tradingstack.strategy.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.protocol.Prices;
import org.junit.jupiter.api.Test;

class MovingAverageTest {

    @Test
    void shouldAverageTheValuesHeldUntilTheWindowIsFull() {
        MovingAverage average = new MovingAverage(3);

        average.add(10);
        assertThat(average.isFull()).isFalse();
        assertThat(average.count()).isEqualTo(1);
        assertThat(average.average()).isEqualTo(10);

        average.add(20);
        assertThat(average.average()).isEqualTo(15);
        assertThat(average.isFull()).isFalse();

        average.add(30);
        assertThat(average.isFull()).isTrue();
        assertThat(average.average()).isEqualTo(20);
    }

    @Test
    void shouldDropTheOldestValueOnceFull() {
        MovingAverage average = new MovingAverage(3);
        for (long value : new long[] {10, 20, 30, 40, 50}) {
            average.add(value);
        }

        assertThat(average.count()).isEqualTo(3);
        assertThat(average.average()).isEqualTo(40);

        for (int i = 0; i < 1_000; i++) {
            average.add(7);
        }
        assertThat(average.average()).as("the running sum does not drift").isEqualTo(7);
    }

    @Test
    void shouldRoundTowardsNegativeInfinityInFixedPoint() {
        MovingAverage average = new MovingAverage(2);
        average.add(Prices.parse("100.00000001"));
        average.add(Prices.parse("100.00000002"));

        assertThat(average.average()).isEqualTo(Prices.parse("100.00000001"));

        MovingAverage negative = new MovingAverage(2);
        negative.add(-1);
        negative.add(-2);
        assertThat(negative.average()).isEqualTo(-2);
    }

    @Test
    void shouldStartOverWhenCleared() {
        MovingAverage average = new MovingAverage(2);
        average.add(5);
        average.add(7);
        average.clear();

        assertThat(average.count()).isZero();
        assertThat(average.isFull()).isFalse();
        average.add(9);
        assertThat(average.average()).isEqualTo(9);
    }

    @Test
    void shouldRefuseAnEmptyWindowAndAnAverageOfNothing() {
        assertThatThrownBy(() -> new MovingAverage(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size=0");
        assertThatThrownBy(() -> new MovingAverage(4).average()).isInstanceOf(IllegalStateException.class);
    }
}

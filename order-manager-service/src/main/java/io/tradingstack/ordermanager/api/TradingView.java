package io.tradingstack.ordermanager.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tradingstack.ordermanager.halt.TradingState;

/**
 * The kill switch's state as the API shows it.
 *
 * @param state RUNNING or HALTED
 * @param by    who switched it last; absent when it never was
 * @param at    when, ISO-8601; absent when it never was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TradingView(String state, boolean halted, String by, String at, String reason) {

    public static TradingView of(TradingState state) {
        return new TradingView(state.name(), state.halted(), state.by(),
            state.switchedAt() == null ? null : state.switchedAt().toString(), state.reason());
    }
}

package io.tradingstack.strategy.api;

/**
 * Example answers of the REST API, shown in its OpenAPI description ({@code /v3/api-docs}) and
 * Swagger UI: what the service answers, written by hand. StrategyHttpTest checks that every
 * answer of every operation has one; StrategyServiceTest checks the answers themselves.
 */
final class ApiExamples {

    static final String STRATEGY = """
        {
          "strategyId": "momentum-1",
          "type": "moving-average-sentiment",
          "symbols": ["AAPL", "MSFT", "GOOGL"],
          "positions": {"AAPL": 100, "MSFT": -100},
          "orders": {"sent": 12, "filled": 11, "rejected": 1, "expired": 0, "inFlight": 0},
          "lastSignal": {"symbol": "AAPL", "newsSeq": 4812, "newsTs": 1764960000123456789, "sentiment": 81,
                         "signal": "BUY 200: price UP (short 190.05 vs long 189.98), news BULLISH (sentiment 81 vs 50)", "clientOrderId": "momentum-1-mc2x8k1o-c"},
          "lastOrder": {"clientOrderId": "momentum-1-mc2x8k1o-c", "symbol": "AAPL", "side": "BUY", "quantity": 200,
                        "originTs": 1764960000123456789, "status": "FILLED", "reason": "", "price": 190.02, "attempts": 1}
        }""";

    static final String STRATEGIES = "[" + STRATEGY + "]";

    static final String STRATEGY_NOT_FOUND = """
        {
          "detail": "no strategy with id momentum-9",
          "instance": "/api/strategies/momentum-9",
          "status": 404,
          "title": "Not Found"
        }""";

    private ApiExamples() {
    }
}

package io.tradingstack.ordermanager.console;

/**
 * The examples of the console's API description: what {@code /api/console/snapshot} answers and
 * what the stream sends, shortened to a service or two and a few points.
 */
final class ConsoleExamples {

    static final String SNAPSHOT = """
        {
          "desk": {
            "ts": 1764960001500,
            "trading": {"state": "RUNNING", "halted": false},
            "positions": {
              "positions": [{"symbol": "AAPL", "quantity": 100, "averagePrice": 190.02, "markPrice": 190.51,
                             "markStatus": "FRESH", "realizedPnl": 12.40, "unrealizedPnl": 49.00}],
              "strategies": [{"strategyId": "momentum-1", "positions": [{"symbol": "AAPL", "quantity": 100,
                             "averagePrice": 190.02, "markPrice": 190.51, "markStatus": "FRESH", "realizedPnl": 12.40,
                             "unrealizedPnl": 49.00}]}],
              "realizedPnl": 12.40,
              "unrealizedPnl": 49.00
            },
            "orders": 4712,
            "services": [
              {"name": "gateway", "url": "http://127.0.0.1:8080", "status": "UP", "components": {"feeds": "UP"},
               "figures": [{"label": "subscribers price", "value": 1.0, "unit": "count"}], "checkedAt": 1764960001400},
              {"name": "orderbook", "url": "http://127.0.0.1:8081", "status": "DOWN",
               "reason": "unreachable: connection refused", "components": {}, "figures": [], "checkedAt": 1764960001400}
            ]
          },
          "latency": {
            "windowMillis": 10000,
            "times": [1764960000000, 1764960010000],
            "hops": [{"id": "TICK_TO_TRADE", "label": "tick-to-trade", "measuredBy": "order-manager",
                      "p50": [0.000152, 0.000148], "p99": [0.00412, 0.00388]}]
          }
        }""";

    static final String STREAM = """
        event:snapshot
        data:{"ts":1764960001500,"trading":{"state":"RUNNING","halted":false},"positions":{...},"orders":4712,"services":[...]}

        event:orders
        data:{"items":[{"clientOrderId":"momentum-1-mc2x8k1o-c","status":"FILLED",...}],"total":4712}

        event:latency
        data:{"windowMillis":10000,"times":[...],"hops":[...]}
        """;

    private ConsoleExamples() {
    }
}

package io.tradingstack.ordermanager.api;

/**
 * Example answers of the REST API, shown in its OpenAPI description ({@code /v3/api-docs}) and
 * Swagger UI: what the service answers, written by hand. The contract test checks that every
 * operation has one; {@code RestApiTest} and {@code RestApiServiceTest} check the answers.
 */
final class ApiExamples {

    static final String FILLED_ORDER = """
        {
          "clientOrderId": "momentum-1-mc2x8k1o-c",
          "strategyId": "momentum-1",
          "symbol": "AAPL",
          "side": "BUY",
          "quantity": 200,
          "originTs": 1764960000123456789,
          "orderId": 4711,
          "status": "FILLED",
          "filledQuantity": 200,
          "price": 190.02,
          "ts": 1764960000123601234,
          "receivedTs": 1764960000123587000
        }""";

    static final String ORDERS_PAGE = """
        {
          "items": [
            {
              "clientOrderId": "momentum-1-mc2x8k1o-d",
              "strategyId": "momentum-1",
              "symbol": "MSFT",
              "side": "SELL",
              "quantity": 100,
              "limitPrice": 425.00,
              "orderId": 4712,
              "status": "REJECTED",
              "filledQuantity": 0,
              "reason": "NOT_MARKETABLE",
              "ts": 1764960001200400000,
              "receivedTs": 1764960001200390000
            },
            {
              "clientOrderId": "momentum-1-mc2x8k1o-c",
              "strategyId": "momentum-1",
              "symbol": "AAPL",
              "side": "BUY",
              "quantity": 200,
              "originTs": 1764960000123456789,
              "orderId": 4711,
              "status": "FILLED",
              "filledQuantity": 200,
              "price": 190.02,
              "ts": 1764960000123601234,
              "receivedTs": 1764960000123587000
            }
          ],
          "page": 0,
          "size": 2,
          "total": 4712
        }""";

    static final String PAGE_TOO_LARGE = """
        {
          "detail": "size=501, must be 1..500",
          "instance": "/api/orders",
          "status": 400,
          "title": "Invalid page request"
        }""";

    static final String ORDER_NOT_FOUND = """
        {
          "detail": "no order with clientOrderId=momentum-1-unknown",
          "instance": "/api/orders/momentum-1-unknown",
          "status": 404,
          "title": "Order not found"
        }""";

    static final String POSITIONS = """
        {
          "positions": [
            {"symbol": "AAPL", "quantity": 200, "averagePrice": 190.02, "markPrice": 190.51, "markStatus": "FRESH",
             "realizedPnl": 12.40, "unrealizedPnl": 98.00},
            {"symbol": "MSFT", "quantity": 0, "markStatus": "STALE", "realizedPnl": -3.10}
          ],
          "strategies": [
            {"strategyId": "momentum-1", "positions": [
              {"symbol": "AAPL", "quantity": 200, "averagePrice": 190.02, "markPrice": 190.51, "markStatus": "FRESH",
               "realizedPnl": 12.40, "unrealizedPnl": 98.00},
              {"symbol": "MSFT", "quantity": 0, "markStatus": "STALE", "realizedPnl": -3.10}
            ]}
          ],
          "realizedPnl": 9.30,
          "unrealizedPnl": 98.00
        }""";

    static final String RUNNING = """
        {"state": "RUNNING", "halted": false}""";

    static final String HALTED = """
        {
          "state": "HALTED",
          "halted": true,
          "by": "alice",
          "at": "2026-12-05T14:03:27.512Z",
          "reason": "runaway strategy"
        }""";

    static final String RELEASED = """
        {
          "state": "RUNNING",
          "halted": false,
          "by": "alice",
          "at": "2026-12-05T14:20:02.118Z",
          "reason": "strategy fixed and redeployed"
        }""";

    static final String SWITCH_REQUEST = """
        {"reason": "runaway strategy"}""";

    static final String REASON_MISSING = """
        {
          "detail": "Invalid request content.",
          "instance": "/api/trading/halt",
          "status": 400,
          "title": "Bad Request"
        }""";

    static final String NO_CREDENTIALS = """
        {
          "type": "about:blank",
          "title": "Unauthorized",
          "status": 401,
          "detail": "POST needs an operator's credentials (HTTP basic; see trading.security.operators)",
          "instance": "/api/trading/halt"
        }""";

    static final String JOURNAL_UNAVAILABLE = """
        {
          "detail": "trading is halted in this process, but the journal has failed, so the halt is not recorded and a restart would not keep it",
          "instance": "/api/trading/halt",
          "status": 503,
          "title": "Journal unavailable"
        }""";

    static final String RELEASE_JOURNAL_UNAVAILABLE = """
        {
          "detail": "the journal has failed: no order is decided until a restart, so nothing was released",
          "instance": "/api/trading/release",
          "status": 503,
          "title": "Journal unavailable"
        }""";

    private ApiExamples() {
    }
}

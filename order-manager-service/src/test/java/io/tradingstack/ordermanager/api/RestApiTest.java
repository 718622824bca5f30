package io.tradingstack.ordermanager.api;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.tradingstack.ordermanager.position.MarkedPosition;
import io.tradingstack.ordermanager.position.PositionReport;
import io.tradingstack.ordermanager.position.PositionView;
import io.tradingstack.ordermanager.store.OrderPage;
import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.ordermanager.store.OrderStore;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The REST API alone, over a mocked order store and position report. */
@WebMvcTest(controllers = {OrdersController.class, PositionsController.class})
class RestApiTest {

    private static final long T0 = 1_700_000_000_000_000_000L;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private OrderStore store;

    @MockitoBean
    private PositionReport positions;

    @Test
    void shouldListAPageLatestFirstWithPricesInCurrencyUnits() throws Exception {
        OrderRecord older = filled("s1-1", 1, Side.BUY, 10, Prices.NONE, "100.02");
        OrderRecord newer = rejected("s1-2", 2, Side.SELL, 4, Prices.parse("101.5"), "NOT_MARKETABLE");
        given(store.latestFirst(0, 2)).willReturn(new OrderPage(List.of(newer, older), 0, 2, 7));

        mvc.perform(get("/api/orders?page=0&size=2"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
            .andExpect(jsonPath("$.page").value(0))
            .andExpect(jsonPath("$.size").value(2))
            .andExpect(jsonPath("$.total").value(7))
            .andExpect(jsonPath("$.items.length()").value(2))
            .andExpect(jsonPath("$.items[0].clientOrderId").value("s1-2"))
            .andExpect(jsonPath("$.items[0].orderId").value(2))
            .andExpect(jsonPath("$.items[0].status").value("REJECTED"))
            .andExpect(jsonPath("$.items[0].reason").value("NOT_MARKETABLE"))
            .andExpect(jsonPath("$.items[0].limitPrice").value(101.5))
            .andExpect(jsonPath("$.items[0].price").doesNotExist())
            .andExpect(jsonPath("$.items[1].clientOrderId").value("s1-1"))
            .andExpect(jsonPath("$.items[1].price").value(100.02))
            .andExpect(jsonPath("$.items[1].filledQuantity").value(10))
            .andExpect(jsonPath("$.items[1].limitPrice").doesNotExist())
            .andExpect(jsonPath("$.items[1].reason").doesNotExist())
            .andExpect(jsonPath("$.items[1].receivedTs").value(T0 + 1))
            .andExpect(jsonPath("$.items[1].originTs").value(T0));
    }

    @Test
    void shouldDefaultToTheFirstPageOfFifty() throws Exception {
        given(store.latestFirst(0, 50)).willReturn(new OrderPage(List.of(), 0, 50, 0));

        mvc.perform(get("/api/orders"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.size").value(50))
            .andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void shouldRefuseAPageSizeAbove500WithAProblemDetail() throws Exception {
        mvc.perform(get("/api/orders?size=501"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.status").value(400))
            .andExpect(jsonPath("$.detail").value("size=501, must be 1..500"));
        Mockito.verifyNoInteractions(store);
    }

    @Test
    void shouldRefuseANegativePageOrANonNumberWithAProblemDetail() throws Exception {
        mvc.perform(get("/api/orders?page=-1"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/orders?page=first"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void shouldFindOneOrderByClientOrderId() throws Exception {
        given(store.find("s1-1")).willReturn(filled("s1-1", 1, Side.BUY, 10, Prices.NONE, "100.02"));

        mvc.perform(get("/api/orders/s1-1"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.clientOrderId").value("s1-1"))
            .andExpect(jsonPath("$.strategyId").value("s1"))
            .andExpect(jsonPath("$.symbol").value("AAPL"))
            .andExpect(jsonPath("$.side").value("BUY"))
            .andExpect(jsonPath("$.quantity").value(10))
            .andExpect(jsonPath("$.status").value("FILLED"))
            .andExpect(jsonPath("$.price").value(100.02));
    }

    @Test
    void shouldListAnOrderCancelledBeforeItCameAsItsRejectionWithoutOrderFields() throws Exception {
        OrderRecord fence = OrderRecord.fence(new Cancel("s1-3", "s1"), Execution.rejected("s1-3", 3, "CANCELLED", T0 + 6),
            T0 + 5);
        given(store.find("s1-3")).willReturn(fence);

        mvc.perform(get("/api/orders/s1-3"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.clientOrderId").value("s1-3"))
            .andExpect(jsonPath("$.strategyId").value("s1"))
            .andExpect(jsonPath("$.orderId").value(3))
            .andExpect(jsonPath("$.status").value("REJECTED"))
            .andExpect(jsonPath("$.reason").value("CANCELLED"))
            .andExpect(jsonPath("$.filledQuantity").value(0))
            .andExpect(jsonPath("$.ts").value(T0 + 6))
            .andExpect(jsonPath("$.receivedTs").value(T0 + 5))
            .andExpect(jsonPath("$.symbol").doesNotExist())
            .andExpect(jsonPath("$.side").doesNotExist())
            .andExpect(jsonPath("$.quantity").doesNotExist())
            .andExpect(jsonPath("$.price").doesNotExist());
    }

    @Test
    void shouldAnswerAnUnknownOrderWithA404ProblemDetail() throws Exception {
        mvc.perform(get("/api/orders/nobody-1"))
            .andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.status").value(404))
            .andExpect(jsonPath("$.title").value("Order not found"))
            .andExpect(jsonPath("$.detail").value("no order with clientOrderId=nobody-1"));
    }

    @Test
    void shouldShowPositionsMarkedToTheMid() throws Exception {
        // buy 10 at 100.02, sell 4 at 101.00: 6 open at cost 600.12, realized 3.92; mid 101.00
        PositionView aapl = new PositionView("AAPL", 6, Prices.parse("600.12"), Prices.parse("3.92"), Prices.parse("101.00"));
        PositionView flat = new PositionView("MSFT", 0, 0, Prices.parse("-1.5"), Prices.parse("400"));
        MarkedPosition markedAapl = new MarkedPosition(aapl, Prices.parse("101.00"), "FRESH");
        MarkedPosition unmarked = new MarkedPosition(flat, Prices.NONE, "NO_PRICE");
        given(positions.report()).willReturn(new PositionReport.Marked(List.of(markedAapl, unmarked),
            Map.of("s1", List.of(markedAapl))));

        mvc.perform(get("/api/positions"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.positions[0].symbol").value("AAPL"))
            .andExpect(jsonPath("$.positions[0].quantity").value(6))
            .andExpect(jsonPath("$.positions[0].averagePrice").value(100.02))
            .andExpect(jsonPath("$.positions[0].markPrice").value(101.0))
            .andExpect(jsonPath("$.positions[0].markStatus").value("FRESH"))
            .andExpect(jsonPath("$.positions[0].realizedPnl").value(3.92))
            .andExpect(jsonPath("$.positions[0].unrealizedPnl").value(5.88))
            .andExpect(jsonPath("$.positions[1].symbol").value("MSFT"))
            .andExpect(jsonPath("$.positions[1].averagePrice").doesNotExist())
            .andExpect(jsonPath("$.positions[1].markPrice").doesNotExist())
            .andExpect(jsonPath("$.positions[1].unrealizedPnl").doesNotExist())
            .andExpect(jsonPath("$.positions[1].markStatus").value("NO_PRICE"))
            .andExpect(jsonPath("$.strategies[0].strategyId").value("s1"))
            .andExpect(jsonPath("$.strategies[0].positions[0].quantity").value(6))
            .andExpect(jsonPath("$.realizedPnl").value(2.42))
            .andExpect(jsonPath("$.unrealizedPnl").value(5.88));
    }

    private static OrderRecord filled(String id, long orderId, Side side, long quantity, long limit, String price) {
        Order order = new Order(id, "s1", "AAPL", side, quantity, limit, T0);
        return new OrderRecord(order, Execution.filled(id, orderId, quantity, Prices.parse(price), T0 + 2), T0 + 1);
    }

    private static OrderRecord rejected(String id, long orderId, Side side, long quantity, long limit, String reason) {
        Order order = new Order(id, "s1", "AAPL", side, quantity, limit, 0);
        return new OrderRecord(order, Execution.rejected(id, orderId, reason, T0 + 4), T0 + 3);
    }
}

package io.tradingstack.ordermanager.api;

import io.tradingstack.ordermanager.store.OrderPage;
import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.ordermanager.store.OrderStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only orders: pages latest first, and one order by its client order id.
 * Errors are RFC 9457 problem details.
 */
@RestController
@RequestMapping("/api/orders")
class OrdersController {

    static final int MAX_PAGE_SIZE = 500;

    private final OrderStore store;

    OrdersController(OrderStore store) {
        this.store = store;
    }

    @GetMapping
    OrdersPage orders(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw badRequest("page=" + page + ", must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw badRequest("size=" + size + ", must be 1.." + MAX_PAGE_SIZE);
        }
        OrderPage orders = store.latestFirst(page, size);
        return new OrdersPage(orders.items().stream().map(OrderItem::of).toList(), orders.page(), orders.size(),
            orders.total());
    }

    @GetMapping("/{clientOrderId}")
    OrderItem order(@PathVariable String clientOrderId) {
        OrderRecord order = store.find(clientOrderId);
        if (order == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no order with clientOrderId=" + clientOrderId);
            problem.setTitle("Order not found");
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        }
        return OrderItem.of(order);
    }

    private static ErrorResponseException badRequest(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid page request");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}

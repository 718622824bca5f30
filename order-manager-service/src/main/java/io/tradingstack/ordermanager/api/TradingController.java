package io.tradingstack.ordermanager.api;

import io.tradingstack.ordermanager.engine.OrderEngine;
import io.tradingstack.ordermanager.halt.KillSwitch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The kill switch: {@code GET /api/trading} shows whether trading runs; {@code POST
 * /api/trading/halt} and {@code POST /api/trading/release}, each with a {@code reason}, switch it
 * (an operator's credentials required, as for every write). The operator recorded is the
 * authenticated name, never one the body claims.
 */
@RestController
@RequestMapping("/api/trading")
class TradingController {

    private final KillSwitch killSwitch;

    TradingController(KillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    @GetMapping
    TradingView state() {
        return TradingView.of(killSwitch.state());
    }

    @PostMapping("/halt")
    TradingView halt(@Valid @RequestBody SwitchRequest request, Principal operator) throws InterruptedException {
        OrderEngine.Switched switched = killSwitch.halt(operator.getName(), request.reason());
        if (switched != OrderEngine.Switched.JOURNALED) {
            throw journalUnavailable("trading is halted in this process, but the journal has failed, so the halt is not"
                + " recorded and a restart would not keep it");
        }
        return TradingView.of(killSwitch.state());
    }

    @PostMapping("/release")
    TradingView release(@Valid @RequestBody SwitchRequest request, Principal operator) throws InterruptedException {
        OrderEngine.Switched switched = killSwitch.release(operator.getName(), request.reason());
        if (switched != OrderEngine.Switched.JOURNALED) {
            throw journalUnavailable("the journal has failed: no order is decided until a restart, so nothing was released");
        }
        return TradingView.of(killSwitch.state());
    }

    private static ErrorResponseException journalUnavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Journal unavailable");
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
    }

    /** Why the operator switches: kept in the journal, shown in health and in every rejection's log line. */
    record SwitchRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[\\x20-\\x7E]*", message = "must be printable ASCII") String reason) {
    }
}

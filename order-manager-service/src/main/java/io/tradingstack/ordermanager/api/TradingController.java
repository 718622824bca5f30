package io.tradingstack.ordermanager.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tradingstack.ordermanager.engine.OrderEngine;
import io.tradingstack.ordermanager.halt.KillSwitch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
@Tag(name = "trading", description = "The kill switch")
@RequestMapping("/api/trading")
class TradingController {

    private final KillSwitch killSwitch;

    TradingController(KillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    @GetMapping
    @Operation(summary = "Whether trading runs, and who switched it last, when and why")
    @ApiResponse(responseCode = "200", description = "the kill switch's state", content = @Content(
        mediaType = MediaType.APPLICATION_JSON_VALUE, examples = {
            @ExampleObject(name = "never switched", value = ApiExamples.RUNNING),
            @ExampleObject(name = "halted", value = ApiExamples.HALTED)}))
    TradingView state() {
        return TradingView.of(killSwitch.state());
    }

    @PostMapping("/halt")
    @Operation(summary = "Halt trading: every new order is rejected TRADING_HALTED until released; survives a restart",
        security = @SecurityRequirement(name = ApiDocsConfiguration.OPERATOR))
    @ApiResponse(responseCode = "200", description = "halted and journaled", content = @Content(
        mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(name = "halted", value = ApiExamples.HALTED)))
    @ApiResponse(responseCode = "400", description = "reason missing, blank, over 200 characters or not printable ASCII",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
            examples = @ExampleObject(name = "no reason", value = ApiExamples.REASON_MISSING)))
    @ApiResponse(responseCode = "401", description = "no operator credentials, or wrong ones", content = @Content(
        mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
        examples = @ExampleObject(name = "no credentials", value = ApiExamples.NO_CREDENTIALS)))
    @ApiResponse(responseCode = "503", description = "the journal has failed: the switch is not recorded", content = @Content(
        mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
        examples = @ExampleObject(name = "journal failed", value = ApiExamples.JOURNAL_UNAVAILABLE)))
    TradingView halt(@Valid @RequestBody SwitchRequest request, Principal operator) throws InterruptedException {
        OrderEngine.Switched switched = killSwitch.halt(operator.getName(), request.reason());
        if (switched != OrderEngine.Switched.JOURNALED) {
            throw journalUnavailable("trading is halted in this process, but the journal has failed, so the halt is not"
                + " recorded and a restart would not keep it");
        }
        return TradingView.of(killSwitch.state());
    }

    @PostMapping("/release")
    @Operation(summary = "Release a halt: orders are decided again", security = @SecurityRequirement(name = ApiDocsConfiguration.OPERATOR))
    @ApiResponse(responseCode = "200", description = "running and journaled", content = @Content(
        mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(name = "released", value = ApiExamples.RELEASED)))
    @ApiResponse(responseCode = "400", description = "reason missing, blank, over 200 characters or not printable ASCII",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
            examples = @ExampleObject(name = "no reason", value = ApiExamples.REASON_MISSING)))
    @ApiResponse(responseCode = "401", description = "no operator credentials, or wrong ones", content = @Content(
        mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
        examples = @ExampleObject(name = "no credentials", value = ApiExamples.NO_CREDENTIALS)))
    @ApiResponse(responseCode = "503", description = "the journal has failed: the switch is not recorded", content = @Content(
        mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
        examples = @ExampleObject(name = "journal failed", value = ApiExamples.RELEASE_JOURNAL_UNAVAILABLE)))
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
        @Schema(description = "why: kept in the journal, shown in health and in every rejection's log line", example = "runaway strategy")
        @NotBlank @Size(max = 200) @Pattern(regexp = "[\\x20-\\x7E]*", message = "must be printable ASCII") String reason) {
    }
}

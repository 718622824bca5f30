package io.tradingstack.ordermanager.api;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API as an RFC 9457 problem detail ({@code application/problem+json}):
 * the controllers' own 400 and 404 ({@code ErrorResponseException}) and Spring MVC's (a page
 * that is not a number, an unknown path under the API, a method not allowed). Each operation's
 * {@code @ApiResponse}s say which of them it answers, with an example: springdoc is told not to
 * copy every handler here onto every path ({@code springdoc.override-with-generic-response: false}).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
}

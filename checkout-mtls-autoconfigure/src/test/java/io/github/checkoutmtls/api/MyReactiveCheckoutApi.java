package io.github.checkoutmtls.api;

import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An application's own reactive interface, imported into the {@code checkout} group as
 * {@code WebClient}.
 */
@HttpExchange("/payments")
interface MyReactiveCheckoutApi {

	@GetExchange("/{id}")
	Mono<Map<String, Object>> payment(@PathVariable String id);

	@PostExchange(contentType = "application/json")
	Mono<Map<String, Object>> requestPayment(@RequestBody Flux<DataBuffer> body);

}

package io.github.checkoutmtls.api;

import java.util.Map;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * An application's own interface, imported into the {@code checkout} group.
 */
@HttpExchange("/payments")
interface MyCheckoutApi {

	@GetExchange("/{id}")
	Map<String, Object> payment(@PathVariable String id);

}

package io.github.checkoutmtls.api;

import java.util.Map;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * An application's own interface for an endpoint where Checkout does not honour
 * idempotency keys, imported into the {@code checkout} group.
 */
@HttpExchange("/customers")
interface MyCustomersApi {

	@PostExchange(contentType = "application/json")
	Map<String, Object> create(@RequestBody Map<String, Object> customer);

}

package io.github.checkoutmtls.api;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * A Spring MVC shop whose request handlers call Checkout through the three blocking
 * fronts: the {@code checkoutRestClient}, its own interfaces in the {@code checkout}
 * group, and {@link CheckoutPayments}.
 */
@SpringBootConfiguration
// Spring Security is on this module's test classpath for other tests; the shop's own
// endpoints are open.
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ImportHttpServices(group = CheckoutHttpServices.GROUP, types = { MyCheckoutApi.class, MyCustomersApi.class })
@Import(MvcShopApplication.ShopController.class)
class MvcShopApplication {

	/**
	 * The fronts a caller picks by path segment, for spreading a load over all of them.
	 */
	static final String[] FRONTS = { "rest-client", "http-service", "typed-api" };

	@RestController
	static class ShopController {

		private final RestClient checkoutRestClient;

		private final MyCheckoutApi myApi;

		private final CheckoutPayments payments;

		private final AtomicInteger virtualHandlers = new AtomicInteger();

		private final AtomicInteger platformHandlers = new AtomicInteger();

		ShopController(@Qualifier("checkoutRestClient") RestClient checkoutRestClient, MyCheckoutApi myApi,
				CheckoutPayments payments) {
			this.checkoutRestClient = checkoutRestClient;
			this.myApi = myApi;
			this.payments = payments;
		}

		@GetMapping("/shop/payments/{id}/{front}")
		String paymentStatus(@PathVariable String id, @PathVariable String front) {
			(isVirtual(Thread.currentThread()) ? this.virtualHandlers : this.platformHandlers).incrementAndGet();
			return switch (front) {
				case "rest-client" -> (String) this.checkoutRestClient.get()
					.uri("/payments/{id}", id)
					.retrieve()
					.body(new ParameterizedTypeReference<Map<String, Object>>() {
					})
					.get("status");
				case "http-service" -> (String) this.myApi.payment(id).get("status");
				case "typed-api" -> this.payments.getPaymentDetails(id).status();
				default -> throw new IllegalArgumentException("Unknown front " + front);
			};
		}

		int virtualHandlers() {
			return this.virtualHandlers.get();
		}

		int platformHandlers() {
			return this.platformHandlers.get();
		}

		// Thread.isVirtual() is Java 21 API, and this code is compiled for 17, where
		// every thread is a platform one.
		static boolean isVirtual(Thread thread) {
			try {
				return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				return false;
			}
		}

	}

}

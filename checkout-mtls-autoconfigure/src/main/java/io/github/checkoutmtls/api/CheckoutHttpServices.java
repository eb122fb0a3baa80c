package io.github.checkoutmtls.api;

/**
 * The {@code checkout} HTTP service group: interfaces an application imports with
 * {@code @ImportHttpServices(group = CheckoutHttpServices.GROUP, types = ...)} call
 * Checkout's mTLS API host through the starter's connector, as {@code RestClient} by
 * default or as {@code WebClient} with {@code clientType = ClientType.WEB_CLIENT}, and
 * throw {@link CheckoutApiException} on an error status.
 */
public final class CheckoutHttpServices {

	/**
	 * Name of the HTTP service group backed by the mTLS client.
	 */
	public static final String GROUP = "checkout";

	/**
	 * Order of the starter's group configurers: after Spring Boot's, which give every
	 * group the application's connector or request factory
	 * ({@code spring.http.serviceclient.*} and the {@code WebClientCustomizer} that sets
	 * the application's {@code ClientHttpConnector}, order 0). An application's
	 * configurer of a higher order sees the group as the starter left it.
	 */
	public static final int GROUP_CONFIGURER_ORDER = 10;

	private CheckoutHttpServices() {
	}

}

package io.github.checkoutmtls.token;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BearerTokenFilter}'s origin rule: the token goes to the API base URL's scheme, host
 * and port, and nowhere else.
 */
class BearerTokenFilterOriginTests {

	private static final TestPki pki = TestPki.builder().build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private final TokenCache tokens = new TokenCache((identity) -> Mono.just(new AccessToken("token-value",
			identity.thumbprint(), Instant.now().plusSeconds(600), Instant.now().plusSeconds(540))),
			java.time.Clock.systemUTC());

	private final BearerTokenFilter filter = new BearerTokenFilter(URI.create("https://mtls.api.checkout.com"),
			() -> this.identity, this.tokens);

	@Test
	void sameOriginWithDefaultPortGetsToken() {
		assertThat(authorization("https://mtls.api.checkout.com/payments/1")).isEqualTo("Bearer token-value");
		assertThat(authorization("https://MTLS.API.checkout.com:443/payments/1")).isEqualTo("Bearer token-value");
	}

	@Test
	void otherHostGetsNoToken() {
		assertThat(authorization("https://api.checkout.com/payments/1")).isNull();
		assertThat(authorization("https://mtls.api.checkout.com.evil.example/payments/1")).isNull();
	}

	@Test
	void otherPortOrSchemeGetsNoToken() {
		assertThat(authorization("https://mtls.api.checkout.com:8443/payments/1")).isNull();
		assertThat(authorization("http://mtls.api.checkout.com/payments/1")).isNull();
	}

	private String authorization(String url) {
		List<ClientRequest> sent = new ArrayList<>();
		ClientRequest request = ClientRequest.create(HttpMethod.GET, URI.create(url)).build();
		this.filter.filter(request, (filtered) -> {
			sent.add(filtered);
			return Mono.just(ClientResponse.create(HttpStatus.OK).build());
		}).block();
		return sent.get(0).headers().getFirst(HttpHeaders.AUTHORIZATION);
	}

}

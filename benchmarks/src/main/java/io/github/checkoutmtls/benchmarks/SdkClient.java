package io.github.checkoutmtls.benchmarks;

import java.net.URI;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.checkout.CheckoutApi;
import com.checkout.CheckoutSdk;
import com.checkout.CustomEnvironment;
import com.checkout.OAuthScope;
import org.apache.http.impl.client.HttpClientBuilder;

import reactor.core.publisher.Mono;

/**
 * Checkout's official Java SDK in OAuth mode. It has no mTLS support, so its Apache
 * HttpClient is given an {@link SSLContext} holding the client certificate, and a custom
 * environment points it at the simulator. Its pool is raised from Apache's default of 2
 * connections per route to the starter's 100, and it gets its own executor: the default,
 * the common fork-join pool, has one thread on this machine.
 */
final class SdkClient implements AutoCloseable {

	private final ExecutorService executor = Executors.newFixedThreadPool(200);

	final CheckoutApi api;

	/**
	 * Builds the SDK, which fetches its token at once, blocking.
	 */
	SdkClient(BenchPki pki, String apiBaseUrl, String tokenUrl) {
		URI api = URI.create(apiBaseUrl + "/");
		CustomEnvironment environment = CustomEnvironment.builder()
			.checkoutApi(api)
			.filesApi(api)
			.transfersApi(api)
			.balancesApi(api)
			.oAuthAuthorizationApi(URI.create(tokenUrl))
			.sandbox(true)
			.build();
		HttpClientBuilder http = HttpClientBuilder.create()
			.setSSLContext(sslContext(pki))
			.setMaxConnTotal(100)
			.setMaxConnPerRoute(100);
		this.api = CheckoutSdk.builder()
			.oAuth()
			.clientCredentials(BenchSimulator.SDK_CLIENT, BenchSimulator.SDK_SECRET)
			.scopes(OAuthScope.GATEWAY)
			.environment(environment)
			.httpClientBuilder(http)
			.executor(this.executor)
			.build();
	}

	private static SSLContext sslContext(BenchPki pki) {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("client", pki.ec.leaf().privateKey(), new char[0],
					pki.ec.chain().toArray(Certificate[]::new));
			KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			kmf.init(keys, new char[0]);
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("server-ca", pki.ec.serverCa());
			TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			tmf.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	Contender contender(String name) {
		return new Contender(name,
				() -> Mono.fromFuture(() -> this.api.paymentsClient().getPayment(BenchSimulator.PAYMENT_ID)));
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}

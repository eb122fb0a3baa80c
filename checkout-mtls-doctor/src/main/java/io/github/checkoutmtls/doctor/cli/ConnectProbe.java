package io.github.checkoutmtls.doctor.cli;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.diagnostics.CheckoutMtlsHandshakeException;
import io.github.checkoutmtls.doctor.DoctorReport.ConnectResult;
import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Makes one {@code GET /} to Checkout's API host over the connector the application would
 * use, and classifies the result as Checkout documents it: a refused handshake means the
 * chain, its issuer or a date; a 401 means the CN; any other status means the certificate
 * was accepted.
 */
final class ConnectProbe {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(20);

	private final URI apiBaseUrl;

	private final List<X509Certificate> trustCertificates;

	private final Clock clock;

	/**
	 * Creates a probe.
	 * @param apiBaseUrl the API host's base URL
	 * @param trustCertificates CAs trusted for the server's certificate; empty for the
	 * JVM's trust store
	 * @param clock the clock for the days left in diagnoses
	 */
	ConnectProbe(URI apiBaseUrl, List<X509Certificate> trustCertificates, Clock clock) {
		this.apiBaseUrl = apiBaseUrl;
		this.trustCertificates = List.copyOf(trustCertificates);
		this.clock = clock;
	}

	/**
	 * Returns the URL the probe requests.
	 * @return the API host's root
	 */
	URI url() {
		return this.apiBaseUrl.resolve("/");
	}

	/**
	 * Connects presenting the identity and classifies the outcome.
	 * @param identity the identity to present
	 * @return the outcome
	 */
	ConnectResult probe(ClientIdentity identity) {
		CheckoutMtlsConnector connector = CheckoutMtlsConnector.forOneCheck(identity, this.trustCertificates,
				CONNECT_TIMEOUT, RESPONSE_TIMEOUT);
		try {
			WebClient client = WebClient.builder()
				.clientConnector(connector)
				.filter(CheckoutMtlsHandshakeException.diagnosing(() -> identity, this.clock))
				.build();
			Integer status = client.get()
				.uri(url())
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block(RESPONSE_TIMEOUT.plus(CONNECT_TIMEOUT));
			return answered((status != null) ? status : 0, identity);
		}
		catch (CheckoutMtlsHandshakeException ex) {
			return refused(ex);
		}
		catch (RuntimeException ex) {
			return unreachable(ex);
		}
		finally {
			connector.destroy();
		}
	}

	private ConnectResult answered(int status, ClientIdentity identity) {
		if (status == HttpStatus.UNAUTHORIZED.value()) {
			return new ConnectResult(ConnectResult.Outcome.COMMON_NAME_MISMATCH, url(), status,
					"Checkout accepted the" + " certificate chain but answered 401: the leaf's CN '"
							+ identity.commonName() + "' is not the CN" + " registered with Checkout. Register '"
							+ identity.commonName() + "' with Checkout, or use a"
							+ " certificate issued for the registered CN.");
		}
		return new ConnectResult(ConnectResult.Outcome.CONNECTED, url(), status, "The TLS handshake succeeded and "
				+ url() + " answered " + status + ": Checkout accepted the certificate chain and the CN.");
	}

	private ConnectResult refused(CheckoutMtlsHandshakeException ex) {
		ConnectResult.Outcome outcome = (ex
			.getRejection() == CheckoutMtlsHandshakeException.Rejection.SERVER_CERTIFICATE_UNTRUSTED)
					? ConnectResult.Outcome.SERVER_CERTIFICATE_UNTRUSTED
					: ConnectResult.Outcome.CLIENT_CERTIFICATE_REJECTED;
		return new ConnectResult(outcome, url(), null, ex.getMessage());
	}

	private ConnectResult unreachable(RuntimeException ex) {
		return new ConnectResult(ConnectResult.Outcome.UNREACHABLE, url(), null, "No answer from " + url() + " ("
				+ rootCause(ex) + "). Check the host name, DNS, firewalls and proxies between here and Checkout.");
	}

	private static String rootCause(Throwable throwable) {
		return NestedExceptionUtils.getMostSpecificCause(throwable).toString();
	}

}

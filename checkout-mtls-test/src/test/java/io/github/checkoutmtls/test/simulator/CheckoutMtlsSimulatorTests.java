package io.github.checkoutmtls.test.simulator;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.KeyType;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.MtlsTestClient.Response;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CheckoutMtlsSimulator}, with real handshakes over loopback.
 */
class CheckoutMtlsSimulatorTests {

	private static final String CN = "merchant.internal";

	private final JsonMapper json = JsonMapper.builder().build();

	private final TestPki pki = TestPki.builder().commonName(CN).build();

	private CheckoutMtlsSimulator simulator;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void requestWithValidChainIsAnsweredAndRecordedWithCommonNameAndThumbprint() {
		start(HandshakeRejection.ALERT);
		this.simulator.addPayment("pay_abc", "Captured", 1050, "EUR");
		Response response = client().get(this.simulator.apiBaseUrl() + "/payments/pay_abc?expand=x");
		assertThat(response.status()).isEqualTo(200);
		JsonNode payment = this.json.readTree(response.body());
		assertThat(payment.get("id").stringValue()).isEqualTo("pay_abc");
		assertThat(payment.get("status").stringValue()).isEqualTo("Captured");
		assertThat(payment.get("amount").longValue()).isEqualTo(1050);
		assertThat(payment.get("currency").stringValue()).isEqualTo("EUR");
		assertThat(payment.get("approved").booleanValue()).isTrue();
		assertThat(this.simulator.exchanges()).singleElement().satisfies((exchange) -> {
			assertThat(exchange.host()).isEqualTo(SimulatorHost.API);
			assertThat(exchange.method()).isEqualTo("GET");
			assertThat(exchange.path()).isEqualTo("/payments/pay_abc?expand=x");
			assertThat(exchange.leafCommonName()).isEqualTo(CN);
			assertThat(exchange.leafThumbprint()).isEqualTo(this.pki.leaf().thumbprint());
			assertThat(exchange.status()).isEqualTo(200);
			assertThat(exchange.requestId()).isEqualTo(response.header("Cko-Request-Id")).matches(MtlsTestClient.UUID);
			assertThat(exchange.header("HOST")).startsWith("localhost:");
			assertThat(exchange.bearerToken()).isNull();
			assertThat(exchange.receivedAt()).isBefore(Instant.now().plusSeconds(1));
		});
		assertThat(this.simulator.handshakeRejections()).isEmpty();
	}

	@Test
	void chainWithoutIntermediateIsRejectedAtHandshake() {
		start(HandshakeRejection.ALERT);
		Throwable failure = client(List.of(this.pki.leaf().certificate()), this.pki.leaf()).failure(paymentUrl());
		assertThat(MtlsTestClient.causeChain(failure)).anyMatch((cause) -> cause.contains("Received fatal alert"));
		assertRejected("chain does not validate to a registered root: issuer 'CN=Checkout mTLS Test Intermediate CA 1",
				this.pki.leaf().subject());
	}

	@Test
	void chainFromUnregisteredRootIsRejectedAtHandshake() {
		start(HandshakeRejection.ALERT);
		TestPki other = TestPki.builder().commonName(CN).build();
		Throwable failure = client(other.chain(), other.leaf()).failure(paymentUrl());
		assertThat(MtlsTestClient.causeChain(failure)).anyMatch((cause) -> cause.contains("Received fatal alert"));
		assertRejected("chain does not validate to a registered root: issuer '" + other.root().subject(),
				other.leaf().subject());
	}

	@Test
	void selfSignedLeafIsRejectedAtHandshake() {
		start(HandshakeRejection.ALERT);
		CertificateAndKey selfSigned = TestPki.selfSigned(CN, KeyType.EC_P256);
		client(List.of(selfSigned.certificate()), selfSigned).failure(paymentUrl());
		assertRejected("chain does not validate to a registered root", selfSigned.subject());
	}

	@Test
	void expiredLeafIsRejectedAtHandshake() {
		Instant now = Instant.now();
		TestPki expired = TestPki.builder()
			.commonName(CN)
			.leafValidity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
			.build();
		startTrusting(expired, HandshakeRejection.ALERT);
		client(expired.chain(), expired.leaf()).failure(paymentUrl());
		assertRejected("certificate expired: '" + expired.leaf().subject(), expired.leaf().subject());
	}

	@Test
	void expiredIntermediateIsRejectedAtHandshake() {
		Instant now = Instant.now();
		TestPki expired = TestPki.builder()
			.commonName(CN)
			.intermediateValidity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
			.build();
		startTrusting(expired, HandshakeRejection.ALERT);
		client(expired.chain(), expired.leaf()).failure(paymentUrl());
		assertRejected("certificate expired: '" + expired.intermediates().get(0).subject(), expired.leaf().subject());
	}

	@Test
	void clientWithoutCertificateIsRejectedAtHandshake() {
		start(HandshakeRejection.ALERT);
		MtlsTestClient.withoutCertificate(this.simulator.serverCa()).failure(paymentUrl());
		assertRejected("no client certificate", null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void alertModeClientSeesTlsAlert(String protocol) {
		start(HandshakeRejection.ALERT);
		TestPki other = TestPki.builder().build();
		Throwable failure = MtlsTestClient
			.of(other.chain(), other.leaf().privateKey(), this.simulator.serverCa(), protocol)
			.failure(paymentUrl());
		// JDK 25 puts "(certificate_unknown) " before the text JDK 17 gives alone.
		assertThat(MtlsTestClient.causeChain(failure))
			.anySatisfy((cause) -> assertThat(cause).startsWith(SSLHandshakeException.class.getName() + ": ")
				.endsWith("Received fatal alert: certificate_unknown"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void resetModeClientSeesConnectionResetNotAlert(String protocol) {
		start(HandshakeRejection.RESET);
		TestPki other = TestPki.builder().build();
		Throwable failure = MtlsTestClient
			.of(other.chain(), other.leaf().privateKey(), this.simulator.serverCa(), protocol)
			.failure(paymentUrl());
		assertThat(MtlsTestClient.causeChain(failure)).noneMatch((cause) -> cause.contains("alert"));
		assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("Connection reset");
		assertThat(this.simulator.handshakeRejections()).isNotEmpty()
			.allSatisfy((rejection) -> assertThat(rejection.reason())
				.startsWith("chain does not validate to a registered root"));
	}

	@Test
	void resetModeWithoutClientCertificateResetsTheConnection() {
		start(HandshakeRejection.RESET);
		Throwable failure = MtlsTestClient.withoutCertificate(this.simulator.serverCa()).failure(paymentUrl());
		assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("Connection reset");
		assertRejected("no client certificate", null);
	}

	@Test
	void resetModeStillAnswersValidClients() {
		start(HandshakeRejection.RESET);
		assertThat(client().get(paymentUrl()).status()).isEqualTo(404);
	}

	@Test
	void commonNameMismatchGets401WithoutBody() {
		start(HandshakeRejection.ALERT);
		CertificateAndKey otherName = this.pki.issueLeaf("someone.else", KeyType.EC_P256);
		this.simulator.addPayment("pay_abc", "Authorized", 100, "GBP");
		Response response = client(this.pki.chainFor(otherName), otherName)
			.get(this.simulator.apiBaseUrl() + "/payments/pay_abc");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEmpty();
		assertThat(response.header("Cko-Request-Id")).matches(MtlsTestClient.UUID);
		assertThat(this.simulator.exchanges()).singleElement()
			.satisfies((exchange) -> assertThat(exchange.leafCommonName()).isEqualTo("someone.else"));
	}

	@Test
	void defaultBuilderResetsRejectedHandshakesAsCheckoutDoes() {
		this.simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(TestPki.builder().build().root().certificate())
			.start();
		Throwable failure = client().failure(paymentUrl());
		assertThat(MtlsTestClient.causeChain(failure)).noneMatch((cause) -> cause.contains("alert"));
		assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("Connection reset");
	}

	@Test
	void everyResponseCarriesAUuidRequestIdAndCkoVersion() {
		this.simulator = CheckoutMtlsSimulator.builder().trustedRoots(this.pki.root().certificate()).start();
		Response first = client().get(paymentUrl());
		Response second = client().get(this.simulator.apiBaseUrl() + "/workflows");
		assertThat(first.header("Cko-Request-Id")).matches(MtlsTestClient.UUID)
			.isNotEqualTo(second.header("Cko-Request-Id"));
		assertThat(first.header("Cko-Version")).isEqualTo("1.0.0");
		this.simulator.close();
		this.simulator = CheckoutMtlsSimulator.builder()
			.trustedRoots(this.pki.root().certificate())
			.ckoVersion("3.1.0")
			.start();
		assertThat(client().get(paymentUrl()).header("Cko-Version")).isEqualTo("3.1.0");
	}

	@Test
	void unsetRegisteredCommonNameAcceptsAnyCommonName() {
		this.simulator = CheckoutMtlsSimulator.builder().trustedRoots(this.pki.root().certificate()).start();
		CertificateAndKey otherName = this.pki.issueLeaf("someone.else", KeyType.EC_P256);
		assertThat(client(this.pki.chainFor(otherName), otherName).get(paymentUrl()).status()).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "RSA_2048", "EC_P384" })
	void otherKeyTypesAndTls12Handshake(String keyType) {
		TestPki other = TestPki.builder().commonName(CN).keyType(KeyType.valueOf(keyType)).intermediates(2).build();
		startTrusting(other, HandshakeRejection.ALERT);
		Response response = MtlsTestClient
			.of(other.chain(), other.leaf().privateKey(), this.simulator.serverCa(), "TLSv1.2")
			.get(paymentUrl());
		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void defaultServerIdentityIsTrustedThroughServerCa() {
		this.simulator = CheckoutMtlsSimulator.builder().trustedRoots(this.pki.root().certificate()).start();
		assertThat(this.simulator.serverCaPem()).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(client().get(paymentUrl()).status()).isEqualTo(404);
	}

	@Test
	void serverCertificateWithoutIssuerIsTrustedDirectly() {
		this.simulator = CheckoutMtlsSimulator.builder()
			.serverCertificate(this.pki.server())
			.trustedRoots(this.pki.root().certificate())
			.start();
		assertThat(this.simulator.serverCa()).isEqualTo(this.pki.server().certificate());
		assertThat(client().get(paymentUrl()).status()).isEqualTo(404);
	}

	@Test
	void clearRecordsForgetsExchangesAndRejections() {
		start(HandshakeRejection.ALERT);
		client().get(paymentUrl());
		MtlsTestClient.withoutCertificate(this.simulator.serverCa()).failure(paymentUrl());
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.simulator.handshakeRejections().isEmpty());
		this.simulator.clearRecords();
		assertThat(this.simulator.exchanges()).isEmpty();
		assertThat(this.simulator.handshakeRejections()).isEmpty();
	}

	@Test
	void recordedExchangeToStringLeavesOutHeaderValues() {
		start(HandshakeRejection.ALERT);
		client().exchange(HttpMethod.GET, paymentUrl(), null, Map.of("Authorization", "Bearer secret-token-value"));
		RecordedExchange exchange = this.simulator.exchanges().get(0);
		assertThat(exchange.bearerToken()).isEqualTo("secret-token-value");
		assertThat(exchange.header("authorization")).isEqualTo("Bearer secret-token-value");
		assertThat(exchange.toString()).doesNotContain("secret-token-value");
	}

	@Test
	void startWithoutTrustedRootsFails() {
		assertThatIllegalStateException().isThrownBy(() -> CheckoutMtlsSimulator.builder().start())
			.withMessageContaining("trustedRoots");
	}

	private void start(HandshakeRejection rejection) {
		startTrusting(this.pki, rejection);
	}

	private void startTrusting(TestPki trusted, HandshakeRejection rejection) {
		this.simulator = CheckoutMtlsSimulator.builder()
			.serverCertificate(this.pki.server(), this.pki.serverCa())
			.trustedRoots(trusted.root().certificate())
			.registeredCommonName(CN)
			.handshakeRejection(rejection)
			.start();
	}

	private MtlsTestClient client() {
		return client(this.pki.chain(), this.pki.leaf());
	}

	private MtlsTestClient client(List<X509Certificate> chain, CertificateAndKey leaf) {
		return MtlsTestClient.of(chain, leaf, this.simulator);
	}

	private String paymentUrl() {
		return this.simulator.apiBaseUrl() + "/payments/pay_unknown";
	}

	private void assertRejected(String reasonPrefix, String presentedSubject) {
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.simulator.handshakeRejections().isEmpty());
		assertThat(this.simulator.handshakeRejections()).allSatisfy((rejection) -> {
			assertThat(rejection.host()).isEqualTo(SimulatorHost.API);
			assertThat(rejection.reason()).startsWith(reasonPrefix);
			assertThat(rejection.presentedSubject()).isEqualTo(presentedSubject);
		});
		assertThat(this.simulator.exchanges()).isEmpty();
	}

}

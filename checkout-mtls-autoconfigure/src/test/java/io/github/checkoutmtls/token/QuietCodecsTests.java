package io.github.checkoutmtls.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.connector.TestConnectors;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;
import io.github.checkoutmtls.token.TokenFetcher.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QuietCodecs}, through a token fetch against the simulator's access
 * host with Spring's web logging at TRACE.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietCodecsTests {

	private static final String CLIENT_ID = "ack_quiet";

	private static final String CLIENT_SECRET = "Quiet-Client-Secret-5f2a";

	private final List<Logger> tracing = List.of((Logger) LoggerFactory.getLogger("org.springframework.web"),
			(Logger) LoggerFactory.getLogger("org.springframework.http"));

	private final List<Level> levels = this.tracing.stream().map(Logger::getLevel).toList();

	@AfterEach
	void restore() {
		for (int i = 0; i < this.tracing.size(); i++) {
			this.tracing.get(i).setLevel(this.levels.get(i));
		}
	}

	@Test
	void tokenCallThroughABuilderLoggingRequestDetailsLogsNeitherTheCredentialsNorTheToken(CapturedOutput output) {
		try (SimulatorFixture checkout = SimulatorFixture.builder()
			.authMode(AuthMode.JWT, CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.start()) {
			CheckoutMtlsSimulator simulator = checkout.simulator();
			TestPki pki = checkout.pki();
			ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");
			CheckoutMtlsConnector connector = TestConnectors.presenting(identity, Duration.ofSeconds(10),
					List.of(simulator.serverCa()));
			try {
				// What spring.codec.log-request-details=true does to the application's
				// builder.
				WebClient.Builder application = WebClient.builder()
					.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(true));
				TokenSettings settings = new TokenSettings(URI.create(simulator.tokenUrl()), CLIENT_ID, CLIENT_SECRET,
						ClientAuthenticationMethod.CLIENT_SECRET_BASIC, List.of(), Duration.ofSeconds(60),
						Duration.ofSeconds(30));
				TokenFetcher fetcher = TokenFetcher.clientCredentials(settings, application, connector, () -> identity,
						Clock.systemUTC(), (failure) -> {
						});
				this.tracing.forEach((logger) -> logger.setLevel(Level.TRACE));
				fetcher.fetch(identity).block(Duration.ofSeconds(120));
			}
			finally {
				connector.destroy();
			}
			String basic = Base64.getEncoder()
				.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
			assertThat(output.getOut()).as("the token call was logged at TRACE")
				.contains("HTTP POST " + simulator.tokenUrl())
				.doesNotContain(basic)
				.doesNotContain(CLIENT_SECRET);
			assertThat(simulator.issuedTokens()).isNotEmpty()
				.allSatisfy((issued) -> assertThat(output.getOut()).doesNotContain(issued.token())
					.doesNotContain(issued.token().substring(0, 40)));
		}
	}

}

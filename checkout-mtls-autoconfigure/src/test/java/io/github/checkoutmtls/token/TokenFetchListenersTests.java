package io.github.checkoutmtls.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link TokenFetchListeners}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenFetchListenersTests {

	private static final TestPki pki = TestPki.builder().build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "test=pki");

	private final Logger logger = (Logger) LoggerFactory.getLogger(TokenFetchListeners.class);

	private Level level;

	@BeforeEach
	void warnOnly() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.WARN);
	}

	@AfterEach
	void restore() {
		this.logger.setLevel(this.level);
	}

	@Test
	void listenerFailingLogsItsFirstFailureAsAWarningAndLaterOnesNotAtWarn(CapturedOutput output) {
		TokenFetchListeners listeners = new TokenFetchListeners(List.of(new TokenFetchListener() {
			@Override
			public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
				throw new IllegalStateException("listener bug");
			}
		}));
		listeners.fetchFailed(this.identity, Duration.ofMillis(1), new TokenEndpointUnavailableException(503));
		assertThat(output.getOut()).contains("further failures of this listener are logged at debug level")
			.contains("listener bug");
		int logged = output.getOut().length();
		listeners.fetchFailed(this.identity, Duration.ofMillis(1), new TokenEndpointUnavailableException(503));
		assertThat(output.getOut().substring(logged)).doesNotContain("listener bug");
	}

	@Test
	void listenerFailingWithTheJvmsOwnErrorIsNotSwallowed() {
		OutOfMemoryError exhausted = new OutOfMemoryError("simulated");
		TokenFetchListeners listeners = new TokenFetchListeners(List.of(new TokenFetchListener() {
			@Override
			public void tokenFetched(ClientIdentity identity, Duration duration) {
				throw exhausted;
			}
		}));
		assertThatThrownBy(() -> listeners.fetched(this.identity, Duration.ofMillis(1))).isSameAs(exhausted);
	}

	// An Error too, but for the JVM's own: a listener's assertion or a class it cannot
	// load is its own bug.
	@ParameterizedTest
	@MethodSource("listenerBugs")
	void listenerFailingDoesNotKeepTheNextListenerFromBeingTold(RuntimeException runtime, Error error,
			CapturedOutput output) {
		List<Throwable> told = new ArrayList<>();
		TokenFetchListener broken = new TokenFetchListener() {
			@Override
			public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
				if (error != null) {
					throw error;
				}
				throw runtime;
			}
		};
		TokenFetchListener recording = new TokenFetchListener() {
			@Override
			public void tokenFetchFailed(ClientIdentity identity, Duration duration, Throwable failure) {
				told.add(failure);
			}
		};
		TokenEndpointUnavailableException failure = new TokenEndpointUnavailableException(503);
		new TokenFetchListeners(List.of(broken, recording)).fetchFailed(this.identity, Duration.ofMillis(1), failure);
		assertThat(told).containsExactly(failure);
		assertThat(output.getOut()).contains("WARN").contains("listener bug");
	}

	static List<Arguments> listenerBugs() {
		return List.of(Arguments.of(new IllegalStateException("listener bug"), null),
				Arguments.of(null, new AssertionError("listener bug")));
	}

}

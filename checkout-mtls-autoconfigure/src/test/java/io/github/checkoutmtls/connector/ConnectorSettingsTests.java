package io.github.checkoutmtls.connector;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.connector.ConnectorSettings.EgressProxy;
import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectorSettings}.
 */
class ConnectorSettingsTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	@Test
	void settingsWithoutProviderUseTheAutomaticOne() {
		assertThat(new ConnectorSettings(SECOND, SECOND, 1, SECOND, SECOND, List.of()).tlsProvider())
			.isEqualTo(TlsProvider.AUTO);
		assertThat(new ConnectorSettings(SECOND, SECOND, 1, SECOND, SECOND, List.of(), null).tlsProvider())
			.isEqualTo(TlsProvider.AUTO);
		assertThat(new ConnectorSettings(SECOND, SECOND, 1, SECOND, SECOND, List.of(), TlsProvider.JDK).tlsProvider())
			.isEqualTo(TlsProvider.JDK);
	}

	@Test
	void trustCertificatesAreCopiedSoLaterChangesToTheListDoNotApply() {
		X509Certificate ca = TestPki.builder().build().serverCa();
		List<X509Certificate> trust = new ArrayList<>(List.of(ca));
		ConnectorSettings settings = new ConnectorSettings(SECOND, SECOND, 1, SECOND, SECOND, trust);
		trust.clear();
		assertThat(settings.trustCertificates()).containsExactly(ca);
	}

	@Test
	void proxyWithoutNonProxyHostsHasNoPatternAndItsGlobsMatchWholeHostNames() {
		assertThat(new EgressProxy("proxy", 3128, null, null, null).nonProxyHostsPattern()).isNull();
		assertThat(new EgressProxy("proxy", 3128, null, null, List.of()).nonProxyHostsPattern()).isNull();
		String pattern = new EgressProxy("proxy", 3128, null, null, List.of("localhost", " *.internal "))
			.nonProxyHostsPattern();
		assertThat("localhost").matches(pattern);
		assertThat("api.internal").matches(pattern);
		assertThat("api.internal.example.com").doesNotMatch(pattern);
		assertThat("localhostx").doesNotMatch(pattern);
	}

}

package io.github.checkoutmtls.identity;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.test.pki.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClientIdentity}: the facts logs, metrics, the doctor and token binding
 * show a user.
 */
class ClientIdentityTests {

	private static final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	private final ClientIdentity identity = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(),
			"checkout.mtls.keystore.certificate=file:/etc/checkout/chain.pem");

	@Test
	void describesTheLeafAsOpensslPrintsIt() throws Exception {
		assertThat(this.identity.commonName()).isEqualTo("merchant.internal");
		assertThat(this.identity.subject()).isEqualTo(pki.leaf().certificate().getSubjectX500Principal().getName())
			.startsWith("CN=merchant.internal");
		assertThat(this.identity.issuer())
			.isEqualTo(pki.intermediates().get(0).certificate().getSubjectX500Principal().getName())
			.contains("Intermediate");
		assertThat(this.identity.serialNumber()).isEqualTo(pki.leaf().certificate().getSerialNumber().toString(16))
			.isNotEmpty();
		assertThat(this.identity.notBefore()).isEqualTo(pki.leaf().certificate().getNotBefore().toInstant());
		assertThat(this.identity.notAfter()).isEqualTo(pki.leaf().certificate().getNotAfter().toInstant());
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(pki.leaf().certificate().getEncoded());
		assertThat(this.identity.fingerprint()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest))
			.isEqualTo(ClientIdentity.fingerprint(pki.leaf().certificate()))
			.hasSize(32 * 3 - 1);
		assertThat(this.identity.thumbprint()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
			.isEqualTo(pki.leaf().thumbprint());
	}

	@Test
	void timeLeftIsNegativeOnceTheLeafExpired() {
		Instant notAfter = this.identity.notAfter();
		assertThat(this.identity.timeLeft(notAfter.minus(Duration.ofDays(2)))).isEqualTo(Duration.ofDays(2));
		assertThat(this.identity.timeLeft(notAfter.plusSeconds(1))).isNegative();
	}

	@Test
	void sourceSplitsIntoPropertyAndLocation() {
		assertThat(this.identity.sourceProperty()).isEqualTo("checkout.mtls.keystore.certificate");
		assertThat(this.identity.sourceLocation()).isEqualTo("file:/etc/checkout/chain.pem");
	}

	@Test
	void sourceWithoutLocationIsAllProperty() {
		ClientIdentity bundle = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "checkout.mtls.ssl-bundle");
		assertThat(bundle.sourceProperty()).isEqualTo("checkout.mtls.ssl-bundle");
		assertThat(bundle.sourceLocation()).isNull();
		// A separator in first place names no property
		ClientIdentity odd = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "=x");
		assertThat(odd.sourceProperty()).isEqualTo("=x");
		assertThat(odd.sourceLocation()).isNull();
		ClientIdentity oneCharacter = ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), "p=x");
		assertThat(oneCharacter.sourceProperty()).isEqualTo("p");
		assertThat(oneCharacter.sourceLocation()).isEqualTo("x");
	}

	@Test
	void chainIsCopiedAndLeafComesFirst() {
		assertThat(this.identity.chain()).containsExactlyElementsOf(pki.chain());
		assertThat(this.identity.leaf()).isEqualTo(pki.leaf().certificate());
		assertThat(this.identity.privateKey()).isSameAs(pki.leaf().privateKey());
	}

	@Test
	void commonNameOfADistinguishedNameIsItsLastCn() {
		assertThat(ClientIdentity.commonName("CN=a.internal,OU=x,CN=b.internal,O=y")).isEqualTo("a.internal");
		assertThat(ClientIdentity.commonName("O=No Common Name")).isNull();
		assertThat(ClientIdentity.commonName("not a name")).isNull();
	}

	@Test
	void toStringDescribesTheCertificateWithoutTheKey() {
		assertThat(this.identity.toString()).contains("CN=merchant.internal", this.identity.thumbprint())
			.doesNotContain(Base64.getEncoder().encodeToString(pki.leaf().privateKey().getEncoded()).substring(0, 40));
	}

	@Test
	void identityNeedsAChainAKeyAndASource() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientIdentity.of(List.of(), pki.leaf().privateKey(), "s"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientIdentity.of(pki.chain(), null, "s"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientIdentity.of(pki.chain(), pki.leaf().privateKey(), " "));
	}

}

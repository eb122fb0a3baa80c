package io.github.checkoutmtls.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Assertions shared by the identity tests: what a user relies on in a loaded identity and
 * in a failure.
 */
final class KeyMaterialAssertions {

	private KeyMaterialAssertions() {
	}

	/**
	 * Asserts that the identity presents the expected chain and that its key works the
	 * way SunJSSE uses it: a JDK key object that signs with the default providers,
	 * verified by the leaf.
	 * @param identity the loaded identity
	 * @param expectedChain the expected chain, leaf first
	 */
	static void assertIdentity(ClientIdentity identity, X509Certificate... expectedChain) {
		assertThat(identity.chain()).containsExactly(expectedChain);
		assertThat(Security.getProvider("BC")).isNull();
		assertThat(identity.privateKey().getClass().getName()).startsWith("sun.security.");
		assertSignsForLeaf(identity);
	}

	static void assertSignsForLeaf(ClientIdentity identity) {
		String algorithm = identity.privateKey().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		byte[] data = "handshake transcript".getBytes(StandardCharsets.UTF_8);
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(identity.privateKey());
			signer.update(data);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(identity.leaf().getPublicKey());
			verifier.update(data);
			assertThat(verifier.verify(signature)).isTrue();
		}
		catch (GeneralSecurityException ex) {
			throw new AssertionError(ex);
		}
	}

	/**
	 * Asserts that loading fails with the given exception, naming the property, and that
	 * nothing secret (the test password, PEM text) leaks into the message, problem or
	 * action.
	 * @param <T> the exception type
	 * @param callable the loading
	 * @param type the expected exception type
	 * @param property the property the exception must name
	 * @return the exception for further assertions
	 */
	static <T extends CheckoutMtlsConfigurationException> T assertFailure(ThrowingCallable callable, Class<T> type,
			String property) {
		T exception = catchThrowableOfType(type, callable);
		assertThat(exception).as("expected " + type.getSimpleName()).isNotNull();
		assertThat(exception.getProperty()).isEqualTo(property);
		for (String text : List.of(exception.getMessage(), exception.getProblem(), exception.getAction(),
				String.valueOf(exception.getValue()))) {
			assertThat(text).doesNotContain(OpensslPki.PASSWORD).doesNotContain("-----BEGIN");
		}
		return exception;
	}

}

package io.github.checkoutmtls.test.pki;

/**
 * Thrown when the test PKI cannot create, encode or write key material. Wraps the JCA's
 * and BouncyCastle's checked exceptions so that tests never have to declare them.
 */
public class TestPkiException extends RuntimeException {

	/**
	 * Creates a new exception.
	 * @param message what failed
	 * @param cause the underlying exception
	 */
	public TestPkiException(String message, Throwable cause) {
		super(message, cause);
	}

}

package io.github.checkoutmtls.identity;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a key material file cannot be read: it is missing, a directory, unreadable,
 * empty or too large to be a certificate or key.
 */
final class KeyMaterialNotReadableException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param property the property to change
	 * @param value the property's value (a location or name, never a secret), or
	 * {@code null}
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	KeyMaterialNotReadableException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(problem, property, value, action, cause);
	}

	static KeyMaterialNotReadableException missing(String property, String location) {
		return new KeyMaterialNotReadableException("Key material file does not exist", property, location,
				"Check the path in " + property + "; a plain path is read from the file system, "
						+ "use a 'classpath:' prefix for a resource on the class path",
				null);
	}

	static KeyMaterialNotReadableException inline(String property) {
		return new KeyMaterialNotReadableException("The property holds PEM content instead of a location", property,
				null,
				"Write the PEM to a file and set the property to its location (file:/path/to/file.pem or"
						+ " classpath:...); in Kubernetes, mount the secret as a volume rather than an environment"
						+ " variable.",
				null);
	}

	static KeyMaterialNotReadableException inlineBase64(String property) {
		return new KeyMaterialNotReadableException(
				"The property holds base64 key material instead of a location (no such file)", property, null,
				"Decode it into a file and set the property to its location (file:/path/to/file or classpath:...);"
						+ " in Kubernetes, mount the secret as a volume rather than an environment variable.",
				null);
	}

	static KeyMaterialNotReadableException directory(String property, String location) {
		return new KeyMaterialNotReadableException("Key material location is a directory, not a file", property,
				location, "Point " + property + " at the file inside the directory", null);
	}

	static KeyMaterialNotReadableException unreadable(String property, String location) {
		return new KeyMaterialNotReadableException("Key material file is not readable by this process", property,
				location, "Give the application's user read permission on the file (e.g. chmod 640 and chgrp "
						+ "to the service's group)",
				null);
	}

	static KeyMaterialNotReadableException empty(String property, String location) {
		return new KeyMaterialNotReadableException("Key material file is empty", property, location,
				"Check that the file was written completely, then copy it again from where it was issued", null);
	}

	static KeyMaterialNotReadableException tooLarge(String property, String location, long limit) {
		return new KeyMaterialNotReadableException(
				"Key material file is larger than " + limit + " bytes, too large for a certificate chain or key",
				property, location, "Point " + property + " at the certificate, key or key store file itself, "
						+ "not at a log, an archive or a directory dump",
				null);
	}

	static KeyMaterialNotReadableException failed(String property, String location, Throwable cause) {
		return new KeyMaterialNotReadableException("Key material file could not be read", property, location,
				"Check that the file is accessible and not being replaced while the application reads it", cause);
	}

}

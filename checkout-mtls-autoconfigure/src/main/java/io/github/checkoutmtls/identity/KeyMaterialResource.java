package io.github.checkoutmtls.identity;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads one key material file, refusing anything that cannot be a certificate, key or key
 * store before it is parsed.
 */
final class KeyMaterialResource {

	/**
	 * Largest file accepted: a long chain of RSA-4096 certificates with their text dumps
	 * stays far below this, so anything bigger is the wrong file.
	 */
	static final int MAX_SIZE = 1024 * 1024;

	private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");

	// Two or more characters before the colon, so that a Windows drive letter stays a
	// plain path
	private static final Pattern PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

	private KeyMaterialResource() {
	}

	/**
	 * Resolves and reads a location. Plain paths are file system paths; prefixed ones
	 * ({@code file:}, {@code classpath:}, ...) go through the resource loader.
	 * @param resourceLoader the loader for prefixed locations
	 * @param property the property holding the location
	 * @param location the location
	 * @return the content, at most {@link #MAX_SIZE} bytes
	 */
	static byte[] read(ResourceLoader resourceLoader, String property, String location) {
		if (location.contains("-----BEGIN") || location.indexOf('\n') >= 0) {
			// Key material pasted into the property: never quote it back.
			throw KeyMaterialNotReadableException.inline(property);
		}
		Resource resource = resolve(resourceLoader, location);
		if (!resource.exists()) {
			if (isBase64KeyMaterial(location)) {
				// A key or key store pasted as one line of base64, as environment
				// variables often hold it: never quote it back either.
				throw KeyMaterialNotReadableException.inlineBase64(property);
			}
			throw KeyMaterialNotReadableException.missing(property, location);
		}
		if (isDirectory(resource)) {
			throw KeyMaterialNotReadableException.directory(property, location);
		}
		if (!resource.isReadable()) {
			throw KeyMaterialNotReadableException.unreadable(property, location);
		}
		byte[] content = readAtMostLimitPlusOne(resource, property, location);
		if (content.length > MAX_SIZE) {
			throw KeyMaterialNotReadableException.tooLarge(property, location, MAX_SIZE);
		}
		if (isBlank(content)) {
			throw KeyMaterialNotReadableException.empty(property, location);
		}
		return content;
	}

	/**
	 * Warns when a location holding a private key is a file that users other than its
	 * owner can read.
	 * @param resourceLoader the loader for prefixed locations
	 * @param property the property holding the location
	 * @param location the location
	 */
	static void warnIfShared(ResourceLoader resourceLoader, String property, String location) {
		Resource resource = resolve(resourceLoader, location);
		try {
			if (resource.isFile()) {
				KeyFilePermissions.warnIfShared(resource.getFile().toPath(), property);
			}
		}
		catch (IOException ex) {
			// Not a file after all: nothing to check
		}
	}

	// Key material pasted as one line of base64 (standard or URL-safe): of a DER
	// structure (a PKCS#8 key, a PKCS#12 store) whose length is exactly what its header
	// says, or of a PEM file. Asked only once no file is there; a missing path that
	// happens to be base64 characters alone decodes to neither, and is quoted as a path.
	static boolean isBase64KeyMaterial(String location) {
		String value = location.trim();
		if (value.length() < 64 || !BASE64.matcher(value).matches()) {
			return false;
		}
		byte[] decoded = decode(value);
		return decoded != null && (isDerSequence(decoded)
				|| new String(decoded, 0, Math.min(decoded.length, 10), StandardCharsets.US_ASCII)
					.equals("-----BEGIN"));
	}

	private static byte @Nullable [] decode(String value) {
		try {
			return (value.indexOf('-') >= 0 || value.indexOf('_') >= 0) ? Base64.getUrlDecoder().decode(value)
					: Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	// A DER SEQUENCE spanning the bytes exactly: its header's length plus the header.
	private static boolean isDerSequence(byte[] der) {
		if (der.length < 2 || der[0] != 0x30) {
			return false;
		}
		int first = der[1] & 0xff;
		if (first < 0x80) {
			return 2 + first == der.length;
		}
		int count = first & 0x7f;
		if (count == 0 || count > 3 || der.length < 2 + count) {
			return false;
		}
		long length = 0;
		for (int k = 0; k < count; k++) {
			length = (length << 8) | (der[2 + k] & 0xff);
		}
		return 2 + count + length == der.length;
	}

	private static Resource resolve(ResourceLoader resourceLoader, String location) {
		return PREFIX.matcher(location).matches() ? resourceLoader.getResource(location)
				: new FileSystemResource(location);
	}

	private static boolean isDirectory(Resource resource) {
		try {
			if (!resource.isFile()) {
				return false;
			}
			File file = resource.getFile();
			return file.isDirectory();
		}
		catch (IOException ex) {
			return false;
		}
	}

	// Reading one byte past the limit tells "too large" apart without holding a huge file
	// in memory
	private static byte[] readAtMostLimitPlusOne(Resource resource, String property, String location) {
		try (InputStream in = resource.getInputStream()) {
			return in.readNBytes(MAX_SIZE + 1);
		}
		catch (IOException ex) {
			throw KeyMaterialNotReadableException.failed(property, location, ex);
		}
	}

	private static boolean isBlank(byte[] content) {
		for (byte b : content) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

}

package io.github.checkoutmtls.identity;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.regex.Pattern;

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

	private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

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
			if (isBase64Der(location)) {
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

	// Base64 of a DER structure (a PKCS#8 key, a PKCS#12 store, a certificate): a
	// SEQUENCE, so 'M' first, and long enough to hold a key. Asked only once no file is
	// there: a path that long, of base64 characters alone (no dot, dash or underscore),
	// decoding to a DER SEQUENCE, is not one anybody meant.
	static boolean isBase64Der(String location) {
		String value = location.trim();
		if (value.length() < 64 || value.charAt(0) != 'M' || !BASE64.matcher(value).matches()) {
			return false;
		}
		try {
			byte[] der = Base64.getDecoder().decode(value);
			return der.length > 0 && der[0] == 0x30;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
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

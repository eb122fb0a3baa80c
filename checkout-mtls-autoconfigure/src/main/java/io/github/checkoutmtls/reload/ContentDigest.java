package io.github.checkoutmtls.reload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * A SHA-256 digest of the content of key material files. Content, not modification times
 * or file events: a Kubernetes secret volume swaps a symlink to a new directory, which
 * neither changes the watched path's time nor reliably raises an event for it.
 */
final class ContentDigest {

	// As the loaders resolve locations: a plain path is a file system path.
	private static final Pattern PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

	private ContentDigest() {
	}

	/**
	 * Digests the content of the locations; one that cannot be read counts as a distinct
	 * content.
	 * @param resourceLoader the loader for prefixed locations
	 * @param locations the locations, in a stable order
	 * @return the digest in hexadecimal
	 */
	static String of(ResourceLoader resourceLoader, List<String> locations) {
		MessageDigest digest = sha256();
		for (String location : locations) {
			digest.update(location.getBytes(StandardCharsets.UTF_8));
			digest.update(content(resolve(resourceLoader, location)));
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static byte[] content(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			return ("unreadable: " + ex.getClass().getName()).getBytes(StandardCharsets.UTF_8);
		}
	}

	private static Resource resolve(ResourceLoader resourceLoader, String location) {
		return PREFIX.matcher(location).matches() ? resourceLoader.getResource(location)
				: new FileSystemResource(location);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}

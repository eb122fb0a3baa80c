package io.github.checkoutmtls.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.jspecify.annotations.Nullable;

/**
 * The blocks of one PEM file, read the way openssl reads them: any text before, between
 * and after the blocks is ignored, line endings may be CRLF, and certificates and keys
 * may share a file.
 */
final class PemContent {

	private static final Set<String> KEY_TYPES = Set.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY",
			"EC PRIVATE KEY");

	private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([^-\\r\\n]+)-----");

	// The blocks the JDK decodes alone; anything else (SEC1, PKCS#1, encrypted keys)
	// needs BouncyCastle
	private static final Set<String> JDK_TYPES = Set.of("CERTIFICATE", "PRIVATE KEY");

	private static final Pattern JDK_BLOCK = Pattern
		.compile("-----BEGIN (CERTIFICATE|PRIVATE KEY)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

	// DER of the algorithm OIDs of PKCS#8 keys: id-ecPublicKey and rsaEncryption
	private static final byte[] EC_OID = { 0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01 };

	private static final byte[] RSA_OID = { 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01,
			0x01, 0x01 };

	// Guards against a malformed file making the parser report the same failure forever
	private static final int MAX_BLOCKS = 10_000;

	private final List<X509Certificate> certificates = new ArrayList<>();

	private final List<Object> privateKeys = new ArrayList<>();

	private final Set<String> blockTypes = new LinkedHashSet<>();

	private final boolean binary;

	private @Nullable Exception failure;

	private PemContent(byte[] content) {
		String text = new String(content, StandardCharsets.UTF_8);
		// A byte order mark would hide the first BEGIN line from the parser
		text = text.startsWith("\uFEFF") ? text.substring(1) : text;
		Matcher matcher = BEGIN.matcher(text);
		while (matcher.find()) {
			this.blockTypes.add(matcher.group(1));
		}
		this.binary = this.blockTypes.isEmpty() && hasControlCharacters(content);
		if (!this.blockTypes.isEmpty() && !parseWithJdk(text)) {
			parse(text);
		}
	}

	/**
	 * Parses PEM content.
	 * @param content the file's bytes
	 * @return the parsed content
	 */
	static PemContent parse(byte[] content) {
		return new PemContent(content);
	}

	// The common case, certificates and a PKCS#8 key, without loading BouncyCastle (a few
	// hundred classes at startup). Anything unexpected leaves nothing behind and returns
	// false: BouncyCastle then reads the file, with its own diagnosis of what is wrong.
	private boolean parseWithJdk(String text) {
		if (!JDK_TYPES.containsAll(this.blockTypes)) {
			return false;
		}
		try {
			List<X509Certificate> certificates = new ArrayList<>();
			List<Object> keys = new ArrayList<>();
			int blocks = 0;
			Matcher matcher = JDK_BLOCK.matcher(text);
			while (matcher.find()) {
				blocks++;
				byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
				if ("CERTIFICATE".equals(matcher.group(1))) {
					certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
						.generateCertificate(new ByteArrayInputStream(der)));
				}
				else {
					keys.add(KeyFactory.getInstance(keyAlgorithm(der)).generatePrivate(new PKCS8EncodedKeySpec(der)));
				}
			}
			if (blocks != countBegins(text)) {
				return false;
			}
			this.certificates.addAll(certificates);
			this.privateKeys.addAll(keys);
			return true;
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			return false;
		}
	}

	private static String keyAlgorithm(byte[] der) throws GeneralSecurityException {
		// The algorithm identifier follows the version, within the first few bytes of the
		// sequence
		byte[] head = Arrays.copyOf(der, Math.min(der.length, 32));
		if (contains(head, EC_OID)) {
			return "EC";
		}
		if (contains(head, RSA_OID)) {
			return "RSA";
		}
		throw new GeneralSecurityException("Not an EC or RSA PKCS#8 key");
	}

	private static boolean contains(byte[] bytes, byte[] part) {
		for (int i = 0; i + part.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
				return true;
			}
		}
		return false;
	}

	private static int countBegins(String text) {
		int count = 0;
		Matcher matcher = BEGIN.matcher(text);
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private void parse(String text) {
		try (PEMParser parser = new PEMParser(new StringReader(text))) {
			for (int i = 0; i < MAX_BLOCKS; i++) {
				try {
					Object object = parser.readObject();
					if (object == null) {
						return;
					}
					add(object);
				}
				catch (IOException | RuntimeException ex) {
					// A block the parser does not know or cannot decode: keep going, the
					// caller reports it
					this.failure = (this.failure != null) ? this.failure : ex;
				}
			}
		}
		catch (IOException ex) {
			this.failure = ex;
		}
	}

	private void add(Object object) {
		if (object instanceof X509CertificateHolder holder) {
			addCertificate(holder);
		}
		else if (object instanceof X509TrustedCertificateBlock trusted) {
			addCertificate(trusted.getCertificateHolder());
		}
		else if (object instanceof PEMKeyPair || object instanceof PrivateKeyInfo
				|| object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
			this.privateKeys.add(object);
		}
		// Anything else (EC PARAMETERS, public keys, CRLs, requests) plays no part in the
		// identity
	}

	private void addCertificate(X509CertificateHolder holder) {
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			byte[] encoded = holder.getEncoded();
			this.certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(encoded)));
		}
		catch (CertificateException | IOException ex) {
			this.failure = (this.failure != null) ? this.failure : ex;
		}
	}

	/**
	 * Returns the certificates in file order, or throws the exception that says why there
	 * are none.
	 * @param property the property naming the file
	 * @param location the file's location
	 * @return the certificates, at least one
	 */
	List<X509Certificate> requireCertificates(String property, String location) {
		if (!this.certificates.isEmpty()) {
			return this.certificates;
		}
		if (this.binary) {
			throw CertificateNotFoundException.binary(property, location);
		}
		if (hasBlock("CERTIFICATE")) {
			throw CertificateNotFoundException.corrupt(property, location, this.failure);
		}
		if (!this.privateKeys.isEmpty() || hasKeyBlock()) {
			throw CertificateNotFoundException.privateKeyOnly(property, location);
		}
		throw CertificateNotFoundException.otherContent(property, location, found());
	}

	/**
	 * Returns the first private key object as parsed, or throws the exception that says
	 * why there is none.
	 * @param property the property naming the file
	 * @param location the file's location
	 * @return the key object: a JDK PrivateKey (read without BouncyCastle), or a
	 * PEMKeyPair, PrivateKeyInfo, PKCS8EncryptedPrivateKeyInfo or PEMEncryptedKeyPair
	 */
	Object requirePrivateKey(String property, String location) {
		if (!this.privateKeys.isEmpty()) {
			return this.privateKeys.get(0);
		}
		if (this.binary) {
			throw PrivateKeyNotFoundException.binary(property, location);
		}
		if (hasKeyBlock() && this.failure != null) {
			throw PrivateKeyNotFoundException.corrupt(property, location, this.failure);
		}
		if (!this.certificates.isEmpty() && !hasBlock("PRIVATE KEY")) {
			throw PrivateKeyNotFoundException.certificateOnly(property, location);
		}
		throw PrivateKeyNotFoundException.otherContent(property, location, found());
	}

	private boolean hasBlock(String suffix) {
		return this.blockTypes.stream().anyMatch((type) -> type.endsWith(suffix));
	}

	private boolean hasKeyBlock() {
		return this.blockTypes.stream().anyMatch(KEY_TYPES::contains);
	}

	private String found() {
		return this.blockTypes.isEmpty() ? "no PEM block" : String.join(", ", this.blockTypes);
	}

	// Text, even with an openssl dump around the blocks, has none of these; DER almost
	// always has
	private static boolean hasControlCharacters(byte[] content) {
		for (byte b : content) {
			if ((b >= 0 && b < 0x09) || (b > 0x0d && b < 0x20)) {
				return true;
			}
		}
		return false;
	}

}

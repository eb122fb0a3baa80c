package io.github.checkoutmtls.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.github.checkoutmtls.test.pki.CertificateAndKey;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;

/**
 * An independent RFC 8705 peer: Spring Authorization Server and a Spring Security
 * resource server in one Tomcat on {@code https://localhost:<port>}, requiring a client
 * certificate issued by the test PKI's client root. The token endpoint is
 * {@code /oauth2/token}; {@code GET /payments/{id}} needs a bearer token with scope
 * {@code gateway}, bound to the leaf presented on the connection.
 */
final class SpringAuthorizationServerPeer implements AutoCloseable {

	/**
	 * Registered client authenticating with {@code tls_client_auth}, whose tokens are
	 * bound to its leaf.
	 */
	static final String CLIENT_ID = "checkout-peer";

	/**
	 * Registered client whose tokens are bound to another certificate than the one it
	 * presents.
	 */
	static final String REBINDING_CLIENT_ID = "checkout-peer-rebinding";

	private final ConfigurableApplicationContext context;

	private SpringAuthorizationServerPeer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the peer. Both registered clients expect the subject DN of the PKI's leaf.
	 * @param pki the PKI whose root the peer trusts and whose server certificate it
	 * presents
	 * @param files the PKI's files
	 * @param foreignThumbprint the x5t#S256 that {@link #REBINDING_CLIENT_ID}'s tokens
	 * are bound to
	 * @return the running peer
	 */
	static SpringAuthorizationServerPeer start(TestPki pki, TestPkiFiles files, String foreignThumbprint) {
		Path directory = files.root().getParent();
		CertificateAndKey server = pki.server();
		Path certificate = write(directory.resolve("peer-server.pem"), Pem.certificates(server.certificate()));
		Path privateKey = write(directory.resolve("peer-server-key.pem"), Pem.privateKey(server.privateKey()));
		Map<String, Object> properties = Map.of("server.port", 0, "server.address", "127.0.0.1", "server.ssl.bundle",
				"peer", "server.ssl.client-auth", "need", "spring.ssl.bundle.pem.peer.keystore.certificate",
				"file:" + certificate, "spring.ssl.bundle.pem.peer.keystore.private-key", "file:" + privateKey,
				// Client certificates are trusted only when they chain to the test PKI's
				// client root.
				"spring.ssl.bundle.pem.peer.truststore.certificate", "file:" + files.root(), "peer.client-subject-dn",
				pki.leaf().subject(), "peer.foreign-thumbprint", foreignThumbprint);
		return new SpringAuthorizationServerPeer(
				new SpringApplicationBuilder(PeerApplication.class).web(WebApplicationType.SERVLET)
					.bannerMode(Banner.Mode.OFF)
					.logStartupInfo(false)
					.properties(properties)
					.run());
	}

	private static Path write(Path path, String content) {
		try {
			return Files.writeString(path, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the base URL of both the access (token) host and the API host.
	 * @return {@code https://localhost:<port>}
	 */
	String baseUrl() {
		return "https://localhost:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, SslAutoConfiguration.class,
			TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
			JacksonAutoConfiguration.class })
	@Import({ PeerSecurityConfiguration.class, PaymentsController.class })
	static class PeerApplication {

	}

	@RestController
	static class PaymentsController {

		@GetMapping("/payments/{id}")
		Map<String, String> payment(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
			return Map.of("id", id, "status", "Authorized", "client_id", token.getSubject());
		}

	}

}

package io.github.checkoutmtls.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding the starter to a WebFlux or MVC application leaves that application's own
 * endpoints open: no Spring Security filter chain, login page or client registration
 * appears.
 */
class NoSecuritySideEffectTests {

	@TempDir
	static Path directory;

	static TestPkiFiles files;

	@BeforeAll
	static void writePki() {
		files = TestPki.builder().build().writeTo(directory);
	}

	@Test
	void webFluxApplicationEndpointsStayOpen() throws Exception {
		assertEndpointsOpen(WebApplicationType.REACTIVE);
	}

	@Test
	void mvcApplicationEndpointsStayOpen() throws Exception {
		assertEndpointsOpen(WebApplicationType.SERVLET);
	}

	@Test
	void jwtModeAddsNoSpringSecurityBeans() throws Exception {
		try (ConfigurableApplicationContext context = start(WebApplicationType.REACTIVE,
				"--checkout.mtls.auth-mode=jwt", "--checkout.mtls.jwt.client-id=ack_test")) {
			assertThat(get(context, "/hello").statusCode()).isEqualTo(200);
			assertNoSecurityBeans(context);
		}
	}

	private void assertEndpointsOpen(WebApplicationType type) throws Exception {
		try (ConfigurableApplicationContext context = start(type)) {
			assertThat(context.containsBean("checkoutWebClient")).isTrue();
			HttpResponse<String> response = get(context, "/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello");
			assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
			assertThat(get(context, "/login").statusCode()).isEqualTo(404);
			assertNoSecurityBeans(context);
		}
	}

	private static void assertNoSecurityBeans(ConfigurableApplicationContext context) {
		assertThat(context.getBeanNamesForType(org.springframework.security.web.server.SecurityWebFilterChain.class))
			.isEmpty();
		assertThat(context.getBeanNamesForType(org.springframework.security.web.SecurityFilterChain.class)).isEmpty();
		assertThat(context.getBeanNamesForType(
				org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository.class))
			.isEmpty();
		assertThat(context.getBeanNamesForType(
				org.springframework.security.oauth2.client.registration.ClientRegistrationRepository.class))
			.isEmpty();
		assertThat(context.getBeanNamesForType(
				org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager.class))
			.isEmpty();
	}

	private static ConfigurableApplicationContext start(WebApplicationType type, String... arguments) {
		String[] common = { "--server.port=0", "--server.address=127.0.0.1",
				"--checkout.mtls.pem.certificate=file:" + files.chain(),
				"--checkout.mtls.pem.private-key=file:" + files.privateKey() };
		String[] all = new String[common.length + arguments.length];
		System.arraycopy(common, 0, all, 0, common.length);
		System.arraycopy(arguments, 0, all, common.length, arguments.length);
		return new SpringApplicationBuilder(HelloApplication.class).web(type).run(all);
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class HelloApplication {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}

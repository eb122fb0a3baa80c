package io.github.checkoutmtls.test.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.checkoutmtls.test.simulator.TokenFaults.Fault;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * The access host's token endpoint: {@code client_credentials} with
 * {@code client_secret_post}, {@code client_secret_basic} (RFC 6749 2.3.1) or
 * {@code tls_client_auth} (RFC 8705 2.1), answering with a JWT bound to the leaf
 * presented on the connection.
 */
final class TokenEndpointHandler {

	private final Map<String, ClientRegistration> clients;

	private final Set<String> allowedScopes;

	private final boolean omitExpiresIn;

	private final TokenService tokens;

	private final TokenFaults faults;

	private final AtomicInteger requests = new AtomicInteger();

	TokenEndpointHandler(Map<String, ClientRegistration> clients, Set<String> allowedScopes, boolean omitExpiresIn,
			TokenService tokens, TokenFaults faults) {
		this.clients = Map.copyOf(clients);
		this.allowedScopes = Set.copyOf(allowedScopes);
		this.omitExpiresIn = omitExpiresIn;
		this.tokens = tokens;
		this.faults = faults;
	}

	void register(RouteTable routes, String tokenPath) {
		routes.add("POST", tokenPath, this::handle);
	}

	int requests() {
		return this.requests.get();
	}

	void clearRequests() {
		this.requests.set(0);
	}

	Mono<SimulatorResponse> handle(SimulatorRequest request) {
		this.requests.incrementAndGet();
		Fault fault = this.faults.next().orElse(null);
		if (fault == null) {
			return Mono.fromSupplier(() -> token(request));
		}
		if (fault.oauthError() != null) {
			return Mono.just(error(400, fault.oauthError(), "injected fault"));
		}
		if (fault.status() != 0) {
			return Mono.just(SimulatorResponse.empty(fault.status()));
		}
		return Mono.delay(fault.delay()).map((tick) -> token(request));
	}

	private SimulatorResponse token(SimulatorRequest request) {
		String contentType = request.header(HttpHeaderNames.CONTENT_TYPE.toString());
		if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
			return error(400, "invalid_request", "content type must be application/x-www-form-urlencoded");
		}
		Map<String, String> form;
		try {
			form = form(request.body());
		}
		catch (IllegalArgumentException ex) {
			// A bad percent-escape, or a parameter sent twice (RFC 6749 3.2: "Request and
			// response parameters MUST NOT be included more than once").
			return error(400, "invalid_request", ex.getMessage());
		}
		ClientCredentials credentials = ClientCredentials.of(request, form);
		if (credentials == null) {
			return error(400, "invalid_request", "malformed HTTP Basic credentials");
		}
		SimulatorResponse clientProblem = authenticate(credentials);
		if (clientProblem != null) {
			return clientProblem;
		}
		String grantType = form.get("grant_type");
		if (grantType == null) {
			return error(400, "invalid_request", "grant_type is missing");
		}
		if (!"client_credentials".equals(grantType)) {
			return error(400, "unsupported_grant_type", null);
		}
		String scope = scope(form.get("scope"));
		if (scope != null && !this.allowedScopes.isEmpty()
				&& !this.allowedScopes.containsAll(Arrays.asList(scope.split(" ")))) {
			return error(400, "invalid_scope", null);
		}
		return issued(this.tokens.issue(credentials.clientId(), scope, request.certificate().thumbprint()));
	}

	private SimulatorResponse authenticate(ClientCredentials credentials) {
		ClientRegistration client = (credentials.clientId() != null) ? this.clients.get(credentials.clientId()) : null;
		int status = credentials.basic() ? 401 : 400;
		if (client == null) {
			return clientError(status, "unknown client", credentials);
		}
		if (client.usesTlsClientAuth()) {
			return (credentials.secret() == null) ? null
					: clientError(status, "client is registered for tls_client_auth: send no secret", credentials);
		}
		return client.secretMatches(credentials.secret()) ? null
				: clientError(status, "client secret missing or wrong", credentials);
	}

	private SimulatorResponse issued(IssuedToken token) {
		ObjectNode body = Json.object();
		body.put("access_token", token.token());
		body.put("token_type", "Bearer");
		if (!this.omitExpiresIn) {
			body.put("expires_in", token.expiresAt().getEpochSecond() - token.issuedAt().getEpochSecond());
		}
		if (token.scope() != null) {
			body.put("scope", token.scope());
		}
		return noStore(SimulatorResponse.json(200, body));
	}

	private String scope(String requested) {
		if (requested != null && !requested.isBlank()) {
			return String.join(" ", requested.trim().split(" +"));
		}
		return this.allowedScopes.isEmpty() ? null : String.join(" ", this.allowedScopes.stream().sorted().toList());
	}

	private static SimulatorResponse clientError(int status, String description, ClientCredentials credentials) {
		SimulatorResponse response = error(status, "invalid_client", description);
		// RFC 6749 5.2: a 401 answers credentials sent in the Authorization header, with
		// a challenge
		return credentials.basic() ? response.withHeader("WWW-Authenticate", "Basic realm=\"checkout\"") : response;
	}

	private static SimulatorResponse error(int status, String error, String description) {
		ObjectNode body = Json.object();
		body.put("error", error);
		if (description != null) {
			body.put("error_description", description);
		}
		return noStore(SimulatorResponse.json(status, body));
	}

	private static SimulatorResponse noStore(SimulatorResponse response) {
		return response.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
	}

	static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			if (form.putIfAbsent(name, value) != null) {
				throw new IllegalArgumentException("parameter " + name + " is included more than once");
			}
		}
		return form;
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("malformed form encoding", ex);
		}
	}

	/**
	 * The client's credentials, from the Authorization header or the form.
	 */
	private record ClientCredentials(String clientId, String secret, boolean basic) {

		static ClientCredentials of(SimulatorRequest request, Map<String, String> form) {
			String authorization = request.header(HttpHeaderNames.AUTHORIZATION.toString());
			if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
				return new ClientCredentials(form.get("client_id"), form.get("client_secret"), false);
			}
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				List<String> parts = List.of(decoded.split(":", 2));
				if (parts.size() != 2) {
					return null;
				}
				// RFC 6749 2.3.1: id and secret are form-urlencoded before Basic encoding
				return new ClientCredentials(decode(parts.get(0)), decode(parts.get(1)), true);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

}

package io.github.checkoutmtls.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.unit.DataSize;

import io.github.checkoutmtls.connector.TlsProvider;
import io.github.checkoutmtls.pipeline.CheckoutRequestPipeline.PipelineSettings;

/**
 * Configuration properties for calling Checkout.com over mutual TLS. Their shape is
 * validated once bound, whichever beans the application replaces; the names deprecated in
 * 0.2.0 still bind.
 */
@ConfigurationProperties("checkout.mtls")
public class CheckoutMtlsProperties implements InitializingBean {

	/**
	 * Whether to configure the Checkout mTLS client.
	 */
	private boolean enabled = true;

	/**
	 * Checkout environment whose mTLS hosts are called.
	 */
	private CheckoutEnvironment environment = CheckoutEnvironment.SANDBOX;

	/**
	 * How API requests are authenticated: by the client certificate alone, or by a
	 * certificate-bound token.
	 */
	private AuthMode authMode = AuthMode.CERTIFICATE;

	/**
	 * Base URL of the mTLS API host, when not the environment's.
	 */
	private @Nullable URI apiBaseUrl;

	/**
	 * Base URL of the mTLS access host that issues tokens, when not the environment's.
	 */
	private @Nullable URI accessBaseUrl;

	/**
	 * CN registered with Checkout during onboarding; startup fails when the leaf's CN
	 * differs.
	 */
	private @Nullable String expectedCommonName;

	/**
	 * Name of a 'spring.ssl.bundle' whose key store holds the client key and chain.
	 */
	private @Nullable String sslBundle;

	/**
	 * PEM resource with the CA certificates sent to Checkout as trusted roots; startup
	 * fails unless the chain builds to one of them.
	 */
	private @Nullable String registeredRoots;

	private final Ssl ssl = new Ssl();

	private final Pem pem = new Pem();

	private final Keystore keystore = new Keystore();

	private final Reload reload = new Reload();

	private final Trust trust = new Trust();

	private final Http http = new Http();

	private final Certificate certificate = new Certificate();

	private final Jwt jwt = new Jwt();

	private final Retry retry = new Retry();

	private final Idempotency idempotency = new Idempotency();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public CheckoutEnvironment getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(CheckoutEnvironment environment) {
		this.environment = environment;
	}

	public AuthMode getAuthMode() {
		return this.authMode;
	}

	public void setAuthMode(AuthMode authMode) {
		this.authMode = authMode;
	}

	public @Nullable URI getApiBaseUrl() {
		return this.apiBaseUrl;
	}

	public void setApiBaseUrl(@Nullable URI apiBaseUrl) {
		this.apiBaseUrl = apiBaseUrl;
	}

	public @Nullable URI getAccessBaseUrl() {
		return this.accessBaseUrl;
	}

	public void setAccessBaseUrl(@Nullable URI accessBaseUrl) {
		this.accessBaseUrl = accessBaseUrl;
	}

	public @Nullable String getExpectedCommonName() {
		return this.expectedCommonName;
	}

	public void setExpectedCommonName(@Nullable String expectedCommonName) {
		this.expectedCommonName = expectedCommonName;
	}

	@Override
	public void afterPropertiesSet() {
		applyDeprecatedNames();
		CheckoutMtlsPropertiesValidator.validate(this);
	}

	// A value given under a name deprecated in 0.2.0 is moved to its replacement. Setting
	// both names is refused rather than silently preferring one: a half-migrated
	// configuration is never ambiguous. An empty deprecated value (an unset ${VAR:})
	// counts as unset; a replacement with a default counts as set when it differs from
	// its default.
	private void applyDeprecatedNames() {
		this.ssl.setBundle(replace("ssl-bundle", this.sslBundle, "ssl.bundle", this.ssl.getBundle(), null));
		this.pem.setCertificate(replace("keystore.certificate", this.keystore.certificate, "pem.certificate",
				this.pem.getCertificate(), null));
		this.pem.setPrivateKey(replace("keystore.private-key", this.keystore.privateKey, "pem.private-key",
				this.pem.getPrivateKey(), null));
		this.pem.setPrivateKeyPassword(replace("keystore.private-key-password", this.keystore.privateKeyPassword,
				"pem.private-key-password", this.pem.getPrivateKeyPassword(), null));
		this.reload.setEnabled(replace("keystore.reload-on-update", this.keystore.reloadOnUpdate, "reload.enabled",
				this.reload.isEnabled(), false));
		this.reload.setCheckInterval(replace("keystore.reload-check-interval", this.keystore.reloadCheckInterval,
				"reload.check-interval", this.reload.getCheckInterval(), Duration.ofSeconds(10)));
		this.http.setTlsProvider(replace("http.ssl-provider", this.http.sslProvider, "http.tls-provider",
				this.http.getTlsProvider(), TlsProvider.AUTO));
	}

	private static <T> T replace(String deprecatedName, @Nullable T deprecatedValue, String name, T value,
			@Nullable T defaultValue) {
		if (deprecatedValue == null || "".equals(deprecatedValue)) {
			return value;
		}
		if (value != null && !value.equals(defaultValue)) {
			List<String> names = List.of("checkout.mtls." + deprecatedName, "checkout.mtls." + name);
			throw new MutuallyExclusiveConfigurationPropertiesException(names, names);
		}
		return deprecatedValue;
	}

	/**
	 * Returns the SSL bundle name given under its name deprecated in 0.2.0.
	 * @return the bundle name
	 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.ssl.bundle}
	 */
	@Deprecated(since = "0.2.0")
	@DeprecatedConfigurationProperty(replacement = "checkout.mtls.ssl.bundle", since = "0.2.0")
	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	/**
	 * Sets the SSL bundle name under its name deprecated in 0.2.0.
	 * @param sslBundle the bundle name
	 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.ssl.bundle}
	 */
	@Deprecated(since = "0.2.0")
	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public @Nullable String getRegisteredRoots() {
		return this.registeredRoots;
	}

	public void setRegisteredRoots(@Nullable String registeredRoots) {
		this.registeredRoots = registeredRoots;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Pem getPem() {
		return this.pem;
	}

	public Keystore getKeystore() {
		return this.keystore;
	}

	public Reload getReload() {
		return this.reload;
	}

	public Trust getTrust() {
		return this.trust;
	}

	public Http getHttp() {
		return this.http;
	}

	public Certificate getCertificate() {
		return this.certificate;
	}

	public Jwt getJwt() {
		return this.jwt;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Idempotency getIdempotency() {
		return this.idempotency;
	}

	/**
	 * Spring Boot SSL bundle holding the client key material.
	 */
	public static class Ssl {

		/**
		 * Name of a 'spring.ssl.bundle' whose key store holds the client key and chain.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Client key material as PEM files, what
	 * {@code curl --cert chain.crt --key private.key} uses.
	 */
	public static class Pem {

		/**
		 * PEM resource with the leaf certificate and its intermediates, in any order.
		 */
		private @Nullable String certificate;

		/**
		 * PEM resource with the leaf's private key (PKCS#8, PKCS#1 or SEC1, encrypted or
		 * not).
		 */
		private @Nullable String privateKey;

		/**
		 * Password of an encrypted private key.
		 */
		private @Nullable String privateKeyPassword;

		public @Nullable String getCertificate() {
			return this.certificate;
		}

		public void setCertificate(@Nullable String certificate) {
			this.certificate = certificate;
		}

		public @Nullable String getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(@Nullable String privateKey) {
			this.privateKey = privateKey;
		}

		public @Nullable String getPrivateKeyPassword() {
			return this.privateKeyPassword;
		}

		public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
			this.privateKeyPassword = privateKeyPassword;
		}

	}

	/**
	 * Client key material as a PKCS#12 or JKS key store.
	 */
	public static class Keystore {

		/**
		 * PKCS#12 or JKS key store resource.
		 */
		private @Nullable String location;

		/**
		 * Type of the key store: PKCS12 or JKS.
		 */
		private String type = "PKCS12";

		/**
		 * Password of the key store, also used for its key entry.
		 */
		private @Nullable String password;

		/**
		 * Alias of the key entry to use when the key store holds several.
		 */
		private @Nullable String alias;

		/**
		 * PEM resource with the leaf certificate and its intermediates.
		 */
		private @Nullable String certificate;

		/**
		 * PEM resource with the leaf's private key.
		 */
		private @Nullable String privateKey;

		/**
		 * Password of an encrypted private key.
		 */
		private @Nullable String privateKeyPassword;

		/**
		 * Whether to reload the key material files when their content changes.
		 */
		private @Nullable Boolean reloadOnUpdate;

		/**
		 * How often to compare the content of the key material files with what was last
		 * loaded.
		 */
		private @Nullable Duration reloadCheckInterval;

		public @Nullable String getLocation() {
			return this.location;
		}

		public void setLocation(@Nullable String location) {
			this.location = location;
		}

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getAlias() {
			return this.alias;
		}

		public void setAlias(@Nullable String alias) {
			this.alias = alias;
		}

		/**
		 * Returns the certificate chain resource, given under its name deprecated in
		 * 0.2.0.
		 * @return the value, or {@code null} when not set under this name
		 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.pem.certificate}
		 */
		@Deprecated(since = "0.2.0")
		@DeprecatedConfigurationProperty(replacement = "checkout.mtls.pem.certificate", since = "0.2.0")
		public @Nullable String getCertificate() {
			return this.certificate;
		}

		/**
		 * Sets the certificate chain resource under its name deprecated in 0.2.0.
		 * @param certificate the value
		 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.pem.certificate}
		 */
		@Deprecated(since = "0.2.0")
		public void setCertificate(@Nullable String certificate) {
			this.certificate = certificate;
		}

		/**
		 * Returns the private key resource, given under its name deprecated in 0.2.0.
		 * @return the value, or {@code null} when not set under this name
		 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.pem.private-key}
		 */
		@Deprecated(since = "0.2.0")
		@DeprecatedConfigurationProperty(replacement = "checkout.mtls.pem.private-key", since = "0.2.0")
		public @Nullable String getPrivateKey() {
			return this.privateKey;
		}

		/**
		 * Sets the private key resource under its name deprecated in 0.2.0.
		 * @param privateKey the value
		 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.pem.private-key}
		 */
		@Deprecated(since = "0.2.0")
		public void setPrivateKey(@Nullable String privateKey) {
			this.privateKey = privateKey;
		}

		/**
		 * Returns the private key password, given under its name deprecated in 0.2.0.
		 * @return the value, or {@code null} when not set under this name
		 * @deprecated since 0.2.0 in favour of
		 * {@code checkout.mtls.pem.private-key-password}
		 */
		@Deprecated(since = "0.2.0")
		@DeprecatedConfigurationProperty(replacement = "checkout.mtls.pem.private-key-password", since = "0.2.0")
		public @Nullable String getPrivateKeyPassword() {
			return this.privateKeyPassword;
		}

		/**
		 * Sets the private key password under its name deprecated in 0.2.0.
		 * @param privateKeyPassword the value
		 * @deprecated since 0.2.0 in favour of
		 * {@code checkout.mtls.pem.private-key-password}
		 */
		@Deprecated(since = "0.2.0")
		public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
			this.privateKeyPassword = privateKeyPassword;
		}

		/**
		 * Returns whether to reload, given under its name deprecated in 0.2.0.
		 * @return the value, or {@code null} when not set under this name
		 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.reload.enabled}
		 */
		@Deprecated(since = "0.2.0")
		@DeprecatedConfigurationProperty(replacement = "checkout.mtls.reload.enabled", since = "0.2.0")
		public @Nullable Boolean getReloadOnUpdate() {
			return this.reloadOnUpdate;
		}

		/**
		 * Sets whether to reload under its name deprecated in 0.2.0.
		 * @param reloadOnUpdate the value
		 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.reload.enabled}
		 */
		@Deprecated(since = "0.2.0")
		public void setReloadOnUpdate(@Nullable Boolean reloadOnUpdate) {
			this.reloadOnUpdate = reloadOnUpdate;
		}

		/**
		 * Returns the check interval, given under its name deprecated in 0.2.0.
		 * @return the value, or {@code null} when not set under this name
		 * @deprecated since 0.2.0 in favour of
		 * {@code checkout.mtls.reload.check-interval}
		 */
		@Deprecated(since = "0.2.0")
		@DeprecatedConfigurationProperty(replacement = "checkout.mtls.reload.check-interval", since = "0.2.0")
		public @Nullable Duration getReloadCheckInterval() {
			return this.reloadCheckInterval;
		}

		/**
		 * Sets the check interval under its name deprecated in 0.2.0.
		 * @param reloadCheckInterval the value
		 * @deprecated since 0.2.0 in favour of
		 * {@code checkout.mtls.reload.check-interval}
		 */
		@Deprecated(since = "0.2.0")
		public void setReloadCheckInterval(@Nullable Duration reloadCheckInterval) {
			this.reloadCheckInterval = reloadCheckInterval;
		}

	}

	/**
	 * Reloading of the key material files when their content changes.
	 */
	public static class Reload {

		/**
		 * Whether to reload the 'pem' files, or the key store at 'keystore.location',
		 * when their content changes.
		 */
		private boolean enabled;

		/**
		 * How often to compare the content of the key material files with what was last
		 * loaded.
		 */
		private Duration checkInterval = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

	}

	/**
	 * Trust in the certificate Checkout's hosts present.
	 */
	public static class Trust {

		/**
		 * PEM resource with the CA certificates trusted for the server's certificate,
		 * instead of the JVM's trust store.
		 */
		private @Nullable String certificates;

		public @Nullable String getCertificates() {
			return this.certificates;
		}

		public void setCertificates(@Nullable String certificates) {
			this.certificates = certificates;
		}

	}

	/**
	 * Connection settings of the HTTP client.
	 */
	public static class Http {

		/**
		 * Time allowed to establish a TCP connection.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Time allowed for a response; below Checkout's 60 s gateway timeout (given by
		 * Checkout staff in checkout-sdk-ruby #8, not in Checkout's docs) a payment that
		 * succeeded can look failed.
		 */
		private Duration responseTimeout = Duration.ofSeconds(60);

		/**
		 * Maximum number of pooled connections.
		 */
		private int maxConnections = 100;

		/**
		 * Time after which an idle pooled connection is closed.
		 */
		private Duration maxIdleTime = Duration.ofSeconds(30);

		/**
		 * Time after which a pooled connection is closed, however busy.
		 */
		private Duration maxLifeTime = Duration.ofMinutes(10);

		/**
		 * TLS implementation: 'auto' takes OpenSSL when netty-tcnative is on the
		 * classpath, else the JDK's.
		 */
		private TlsProvider tlsProvider = TlsProvider.AUTO;

		/**
		 * TLS implementation.
		 */
		private @Nullable TlsProvider sslProvider;

		private final Proxy proxy = new Proxy();

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

		public Duration getMaxLifeTime() {
			return this.maxLifeTime;
		}

		public void setMaxLifeTime(Duration maxLifeTime) {
			this.maxLifeTime = maxLifeTime;
		}

		public TlsProvider getTlsProvider() {
			return this.tlsProvider;
		}

		public void setTlsProvider(TlsProvider tlsProvider) {
			this.tlsProvider = tlsProvider;
		}

		/**
		 * Returns the TLS implementation given under its name deprecated in 0.2.0.
		 * @return the value, or {@code null} when not set under this name
		 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.http.tls-provider}
		 */
		@Deprecated(since = "0.2.0")
		@DeprecatedConfigurationProperty(replacement = "checkout.mtls.http.tls-provider", since = "0.2.0")
		public @Nullable TlsProvider getSslProvider() {
			return this.sslProvider;
		}

		/**
		 * Sets the TLS implementation under its name deprecated in 0.2.0.
		 * @param sslProvider the value
		 * @deprecated since 0.2.0 in favour of {@code checkout.mtls.http.tls-provider}
		 */
		@Deprecated(since = "0.2.0")
		public void setSslProvider(@Nullable TlsProvider sslProvider) {
			this.sslProvider = sslProvider;
		}

		public Proxy getProxy() {
			return this.proxy;
		}

	}

	/**
	 * HTTP proxy that connections to Checkout tunnel through with CONNECT; without
	 * 'host', the JVM's 'https.proxyHost', 'https.proxyPort' and 'http.nonProxyHosts'
	 * system properties apply.
	 */
	public static class Proxy {

		/**
		 * Host of the HTTP proxy.
		 */
		private String host;

		/**
		 * Port of the HTTP proxy.
		 */
		private Integer port;

		/**
		 * User name for the proxy's Basic authentication.
		 */
		private String username;

		/**
		 * Password for the proxy's Basic authentication.
		 */
		private String password;

		/**
		 * Hosts reached without the proxy, with '*' wildcards at either end, such as
		 * 'localhost' or '*.internal'.
		 */
		private List<String> nonProxyHosts = new ArrayList<>();

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public Integer getPort() {
			return this.port;
		}

		public void setPort(Integer port) {
			this.port = port;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

	}

	/**
	 * Lifecycle of the client certificate.
	 */
	public static class Certificate {

		/**
		 * How long before a certificate Checkout validates (leaf, intermediate or
		 * registered root) expires to start warning.
		 */
		private Duration expiryWarning = Duration.ofDays(30);

		public Duration getExpiryWarning() {
			return this.expiryWarning;
		}

		public void setExpiryWarning(Duration expiryWarning) {
			this.expiryWarning = expiryWarning;
		}

	}

	/**
	 * Token settings for jwt mode: OAuth 2.0 client credentials from the mTLS access
	 * host.
	 */
	public static class Jwt {

		/**
		 * Client id issued by Checkout for the mTLS access host.
		 */
		private @Nullable String clientId;

		/**
		 * Client secret, when Checkout issued one; without it the certificate
		 * authenticates the client.
		 */
		private @Nullable String clientSecret;

		/**
		 * How the client authenticates at the token endpoint, when not derived from
		 * whether a secret is set.
		 */
		private @Nullable ClientAuthentication clientAuthentication;

		/**
		 * Scopes to request, sent space-separated.
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * Path of the token endpoint, resolved against the access base URL.
		 */
		private String tokenPath = "/connect/token";

		/**
		 * How long before a token expires to fetch the next one; never more than half its
		 * lifetime.
		 */
		private Duration refreshBeforeExpiry = Duration.ofSeconds(60);

		/**
		 * Time allowed for one token request.
		 */
		private Duration tokenTimeout = Duration.ofSeconds(10);

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public @Nullable ClientAuthentication getClientAuthentication() {
			return this.clientAuthentication;
		}

		public void setClientAuthentication(@Nullable ClientAuthentication clientAuthentication) {
			this.clientAuthentication = clientAuthentication;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public String getTokenPath() {
			return this.tokenPath;
		}

		public void setTokenPath(String tokenPath) {
			this.tokenPath = tokenPath;
		}

		public Duration getRefreshBeforeExpiry() {
			return this.refreshBeforeExpiry;
		}

		public void setRefreshBeforeExpiry(Duration refreshBeforeExpiry) {
			this.refreshBeforeExpiry = refreshBeforeExpiry;
		}

		public Duration getTokenTimeout() {
			return this.tokenTimeout;
		}

		public void setTokenTimeout(Duration tokenTimeout) {
			this.tokenTimeout = tokenTimeout;
		}

	}

	/**
	 * Retries of requests that failed transiently: connect failures, resets, 502, 503,
	 * 504 and 429.
	 */
	public static class Retry {

		/**
		 * Whether to send a request again after a transient failure; once written, only
		 * GET, HEAD and keyed POSTs to idempotent endpoints.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of attempts of one request, the first and a 401 token refresh
		 * included.
		 */
		private int maxAttempts = 3;

		/**
		 * Backoff before the first retry, doubled for each further one, with jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Upper bound of the backoff between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

		/**
		 * Time after the first attempt started beyond which no attempt starts, whatever
		 * 'Retry-After' says.
		 */
		private Duration deadline = Duration.ofSeconds(90);

		/**
		 * Wait before asking again about a keyed request that Checkout reports as still
		 * in progress.
		 */
		private Duration inProgressBackoff = Duration.ofSeconds(30);

		/**
		 * Largest request body kept to be sent again; a larger body is never resent once
		 * written.
		 */
		private DataSize maxReplayBodySize = DataSize.ofMegabytes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(Duration deadline) {
			this.deadline = deadline;
		}

		public Duration getInProgressBackoff() {
			return this.inProgressBackoff;
		}

		public void setInProgressBackoff(Duration inProgressBackoff) {
			this.inProgressBackoff = inProgressBackoff;
		}

		public DataSize getMaxReplayBodySize() {
			return this.maxReplayBodySize;
		}

		public void setMaxReplayBodySize(DataSize maxReplayBodySize) {
			this.maxReplayBodySize = maxReplayBodySize;
		}

	}

	/**
	 * Idempotency keys, which make a repeated POST replay the first response instead of
	 * taking effect twice.
	 */
	public static class Idempotency {

		/**
		 * Whether to add a random 'Cko-Idempotency-Key' to a POST to an idempotent
		 * endpoint that has none.
		 */
		private boolean autoGenerate = true;

		/**
		 * Path patterns, relative to the API base URL, of the endpoints on which Checkout
		 * honours idempotency keys.
		 */
		private List<String> endpoints = new ArrayList<>(PipelineSettings.CHECKOUT_IDEMPOTENT_ENDPOINTS);

		public List<String> getEndpoints() {
			return this.endpoints;
		}

		public void setEndpoints(List<String> endpoints) {
			this.endpoints = endpoints;
		}

		public boolean isAutoGenerate() {
			return this.autoGenerate;
		}

		public void setAutoGenerate(boolean autoGenerate) {
			this.autoGenerate = autoGenerate;
		}

	}

	/**
	 * How the client authenticates at the token endpoint.
	 */
	public enum ClientAuthentication {

		/**
		 * Client id and secret in the form body.
		 */
		CLIENT_SECRET_POST,

		/**
		 * Client id and secret as HTTP Basic credentials.
		 */
		CLIENT_SECRET_BASIC,

		/**
		 * RFC 8705: client id in the body, the CA-issued client certificate
		 * authenticates.
		 */
		TLS_CLIENT_AUTH

	}

}

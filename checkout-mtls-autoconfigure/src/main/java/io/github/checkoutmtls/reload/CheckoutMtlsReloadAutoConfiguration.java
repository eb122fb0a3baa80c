package io.github.checkoutmtls.reload;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

import io.github.checkoutmtls.autoconfigure.CheckoutMtlsAutoConfiguration;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties;
import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.token.TokenCache;
import io.github.checkoutmtls.token.TokenFetcher.AccessToken;

/**
 * Auto-configuration of certificate rotation: reloads the client identity when the key
 * material files change ({@code checkout.mtls.reload.enabled}) or when the SSL bundle
 * named by {@code checkout.mtls.ssl.bundle} is updated.
 */
@AutoConfiguration(after = CheckoutMtlsAutoConfiguration.class)
@ConditionalOnBean(name = "checkoutMtlsConnector")
public final class CheckoutMtlsReloadAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IdentityReloader checkoutMtlsIdentityReloader(CheckoutMtlsProperties properties,
			ClientIdentityLoader checkoutMtlsIdentityLoader, CertificateChecks checkoutMtlsCertificateChecks,
			@Qualifier("checkoutMtlsConnector") CheckoutMtlsConnector connector,
			ObjectProvider<IdentityReloadListener> listeners, ObjectProvider<SslBundles> sslBundles) {
		IdentityReloader reloader = new IdentityReloader(checkoutMtlsIdentityLoader, checkoutMtlsCertificateChecks,
				connector, listeners.orderedStream().toList(), Clock.systemUTC());
		SslBundles bundles = sslBundles.getIfAvailable();
		if (StringUtils.hasText(properties.getSsl().getBundle()) && bundles != null) {
			// Boot watches the bundle when its own reload-on-update is set, and calls
			// back here.
			bundles.addBundleUpdateHandler(properties.getSsl().getBundle(), (bundle) -> reloader.reload());
		}
		return reloader;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(ReloadEnabledCondition.class)
	KeyMaterialWatcher checkoutMtlsKeyMaterialWatcher(CheckoutMtlsProperties properties, ResourceLoader resourceLoader,
			IdentityReloader checkoutMtlsIdentityReloader) {
		return new KeyMaterialWatcher(resourceLoader, watchedLocations(properties),
				properties.getReload().getCheckInterval(), checkoutMtlsIdentityReloader);
	}

	// The properties have checked that reloading has files to watch.
	private static List<String> watchedLocations(CheckoutMtlsProperties properties) {
		if (StringUtils.hasText(properties.getKeystore().getLocation())) {
			return List.of(properties.getKeystore().getLocation());
		}
		CheckoutMtlsProperties.Pem pem = properties.getPem();
		return Stream.of(pem.getCertificate(), pem.getPrivateKey()).distinct().toList();
	}

	/**
	 * Matches when reloading is on under its name or the one deprecated in 0.2.0.
	 */
	static final class ReloadEnabledCondition extends AnyNestedCondition {

		ReloadEnabledCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty("checkout.mtls.reload.enabled")
		static final class Enabled {

		}

		@ConditionalOnBooleanProperty("checkout.mtls.keystore.reload-on-update")
		static final class EnabledUnderDeprecatedName {

		}

	}

	/**
	 * Drops the cached token when the certificate it is bound to is replaced.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TokenCache.class)
	static class TokenReloadConfiguration {

		@Bean
		IdentityReloadListener checkoutMtlsTokenCacheReloadListener(TokenCache tokenCache) {
			return new IdentityReloadListener() {

				@Override
				public void identityReloaded(ClientIdentity previous, ClientIdentity current) {
					// Unless a request presenting the new certificate already fetched its
					// token.
					AccessToken cached = tokenCache.cached();
					if (cached != null && !cached.isFor(current)) {
						tokenCache.invalidate(cached);
					}
				}

			};
		}

	}

}

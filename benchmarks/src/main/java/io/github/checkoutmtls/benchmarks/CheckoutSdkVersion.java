package io.github.checkoutmtls.benchmarks;

import com.checkout.CheckoutSdk;

/**
 * The version of Checkout's SDK on the class path, as its jar's manifest or Maven
 * metadata tells it.
 */
final class CheckoutSdkVersion {

	static final String VERSION = version();

	private CheckoutSdkVersion() {
	}

	private static String version() {
		String fromManifest = CheckoutSdk.class.getPackage().getImplementationVersion();
		if (fromManifest != null) {
			return fromManifest;
		}
		try (var in = CheckoutSdk.class
			.getResourceAsStream("/META-INF/maven/com.checkout/checkout-sdk-java/pom.properties")) {
			if (in != null) {
				java.util.Properties properties = new java.util.Properties();
				properties.load(in);
				return properties.getProperty("version", "?");
			}
		}
		catch (java.io.IOException ex) {
			// fall through
		}
		return "?";
	}

}

package io.github.checkoutmtls.test.junit;

import io.github.checkoutmtls.test.junit.CheckoutMtlsSimulatorTest.AuthMode;
import io.github.checkoutmtls.test.simulator.HandshakeRejection;

/**
 * The attributes of a {@link CheckoutMtlsSimulatorTest}, as a value: equal settings share
 * a Spring test context, and so a simulator.
 *
 * @param commonName CN of the client leaf
 * @param authMode how the client authenticates
 * @param clientId the client id for jwt mode
 * @param handshakeRejection how rejected handshakes end
 */
record SimulatorSettings(String commonName, AuthMode authMode, String clientId, HandshakeRejection handshakeRejection) {

	static SimulatorSettings of(CheckoutMtlsSimulatorTest annotation) {
		return new SimulatorSettings(annotation.commonName(), annotation.authMode(), annotation.clientId(),
				annotation.handshakeRejection());
	}

}

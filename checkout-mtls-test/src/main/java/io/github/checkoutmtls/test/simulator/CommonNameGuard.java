package io.github.checkoutmtls.test.simulator;

import java.util.Optional;

/**
 * Answers 401 without a body when the leaf validated but its CN is not the one registered
 * during onboarding, which is how Checkout reports it (docs "Mutual TLS", Apr 2026,
 * "Troubleshooting").
 */
final class CommonNameGuard implements RequestGuard {

	private final String registeredCommonName;

	CommonNameGuard(String registeredCommonName) {
		this.registeredCommonName = registeredCommonName;
	}

	@Override
	public Optional<SimulatorResponse> check(SimulatorRequest request) {
		if (this.registeredCommonName == null || this.registeredCommonName.equals(request.certificate().commonName())) {
			return Optional.empty();
		}
		return Optional.of(SimulatorResponse.empty(401));
	}

}

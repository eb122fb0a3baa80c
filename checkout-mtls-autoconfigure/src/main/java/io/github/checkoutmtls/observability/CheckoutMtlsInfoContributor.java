package io.github.checkoutmtls.observability;

import java.time.Clock;
import java.util.function.Supplier;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import io.github.checkoutmtls.identity.ClientIdentity;

/**
 * Adds {@code checkoutMtls} to the info endpoint: where the client calls and the leaf it
 * presents.
 */
final class CheckoutMtlsInfoContributor implements InfoContributor {

	private final ClientSummary summary;

	private final Supplier<ClientIdentity> identity;

	private final Clock clock;

	/**
	 * Creates a contributor.
	 * @param summary where the client calls
	 * @param identity the identity presented now
	 * @param clock the clock, for the days left
	 */
	CheckoutMtlsInfoContributor(ClientSummary summary, Supplier<ClientIdentity> identity, Clock clock) {
		this.summary = summary;
		this.identity = identity;
		this.clock = clock;
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("checkoutMtls", this.summary.describe(this.identity.get(), this.clock.instant()));
	}

}

package io.github.checkoutmtls.connector;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector.ConnectionPoolUsage;
import reactor.netty.resources.ConnectionPoolMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectionPoolUsage}.
 */
class ConnectionPoolUsageTests {

	private final ConnectionPoolUsage usage = new ConnectionPoolUsage();

	@Test
	void sumsThePoolsOfEveryHost() {
		this.usage.registerMetrics("p", "a", InetSocketAddress.createUnresolved("a", 443), metrics(2, 1, 5));
		this.usage.registerMetrics("p", "b", InetSocketAddress.createUnresolved("b", 443), metrics(1, 0, 1));
		assertThat(this.usage.activeConnections()).isEqualTo(3);
		assertThat(this.usage.pendingAcquisitions()).isEqualTo(1);
		assertThat(this.usage.openConnections()).isEqualTo(6);
	}

	@Test
	void deregisteredPoolIsNoLongerCounted() {
		this.usage.registerMetrics("p", "a", InetSocketAddress.createUnresolved("a", 443), metrics(2, 1, 5));
		this.usage.deRegisterMetrics("p", "a", InetSocketAddress.createUnresolved("a", 443));
		assertThat(this.usage.activeConnections()).isZero();
		assertThat(this.usage.openConnections()).isZero();
	}

	private static ConnectionPoolMetrics metrics(int acquired, int pending, int allocated) {
		return new ConnectionPoolMetrics() {

			@Override
			public int acquiredSize() {
				return acquired;
			}

			@Override
			public int allocatedSize() {
				return allocated;
			}

			@Override
			public int idleSize() {
				return allocated - acquired;
			}

			@Override
			public int pendingAcquireSize() {
				return pending;
			}

			@Override
			public int maxAllocatedSize() {
				return 100;
			}

			@Override
			public int maxPendingAcquireSize() {
				return -1;
			}

		};
	}

}

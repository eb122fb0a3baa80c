package io.github.checkoutmtls.connector;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * How busy one connection pool is, across the hosts it connects to: read from Reactor
 * Netty's pool metrics, without Micrometer.
 */
public final class ConnectionPoolUsage implements ConnectionProvider.MeterRegistrar {

	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	@Override
	public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
			ConnectionPoolMetrics metrics) {
		this.pools.put(id, metrics);
	}

	@Override
	public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
		this.pools.remove(id);
	}

	/**
	 * Returns the number of connections carrying a request now.
	 * @return the connections acquired from the pool and not yet released
	 */
	public int activeConnections() {
		return sum(ConnectionPoolMetrics::acquiredSize);
	}

	/**
	 * Returns the number of requests waiting for a connection.
	 * @return the pending acquisitions
	 */
	public int pendingAcquisitions() {
		return sum(ConnectionPoolMetrics::pendingAcquireSize);
	}

	/**
	 * Returns the number of open connections, busy or idle.
	 * @return the allocated connections
	 */
	public int openConnections() {
		return sum(ConnectionPoolMetrics::allocatedSize);
	}

	private int sum(ToIntFunction<ConnectionPoolMetrics> size) {
		return this.pools.values().stream().mapToInt(size).sum();
	}

}

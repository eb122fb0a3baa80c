package io.github.checkoutmtls.connector;

import java.net.SocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

import io.github.checkoutmtls.identity.ClientIdentity;
import io.netty.channel.Channel;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The connector behind {@code checkoutWebClient}: delegates each request to the connector
 * of the current client identity, held in an atomic reference so the identity can be
 * replaced without a restart. Reading it is one volatile read; nothing on the request
 * path locks.
 *
 * <p>
 * A request that carries something bound to one identity (a certificate-bound token) is
 * pinned to it with {@link #presenting(ClientIdentity)}: when that identity has been
 * replaced by the time the request is sent, it fails with
 * {@link IdentityReplacedException} instead of presenting another certificate.
 *
 * <p>
 * {@link #warmingUp} leaves the first pool (its {@code SslContext}, the TLS provider's
 * classes and native library) to be built on a background thread, started by
 * {@link #warmUp()} (the auto-configuration calls it once the application has started) or
 * by the first request, whichever comes first, so an application's start neither waits
 * for it nor shares the CPU with it; the first requests wait for it without blocking a
 * thread, and a failure to build it fails each request.
 */
public final class CheckoutMtlsConnector implements ClientHttpConnector, DisposableBean {

	private static final Log logger = LogFactory.getLog(CheckoutMtlsConnector.class);

	private static final Object PRESENTING = CheckoutMtlsConnector.class.getName() + ".presenting";

	private final Function<ClientIdentity, PooledConnector> factory;

	private final AtomicReference<Pool> current;

	// Called between reading the current pool and acquiring from it: where a swap can
	// overtake a request.
	private final Consumer<PooledConnector> poolRead;

	/**
	 * Creates a connector presenting the given identity, its pool built before this
	 * returns.
	 * @param identity the client identity, already checked
	 * @param settings the settings of every pool, including those built on rotation
	 */
	CheckoutMtlsConnector(ClientIdentity identity, ConnectorSettings settings) {
		this(identity, new ReactorNettyConnectorFactory(settings));
	}

	// The seam for a test's customized Reactor Netty client.
	CheckoutMtlsConnector(ClientIdentity identity, ReactorNettyConnectorFactory factory) {
		this(identity, factory::create);
	}

	// Also the seam for an in-memory connector beneath the request pipeline (its
	// benchmark).
	CheckoutMtlsConnector(ClientIdentity identity, Function<ClientIdentity, PooledConnector> factory) {
		this(factory, Pool.built(factory.apply(identity)), (pooled) -> {
		});
	}

	// The seam for a deterministic test of a swap overtaking a request.
	CheckoutMtlsConnector(ClientIdentity identity, ReactorNettyConnectorFactory factory,
			Consumer<PooledConnector> poolRead) {
		this(factory::create, Pool.built(factory.create(identity)), poolRead);
	}

	private CheckoutMtlsConnector(Function<ClientIdentity, PooledConnector> factory, Pool first,
			Consumer<PooledConnector> poolRead) {
		this.factory = factory;
		this.current = new AtomicReference<>(first);
		this.poolRead = poolRead;
	}

	/**
	 * Creates a connector presenting the given identity whose first pool is built on a
	 * background thread, started by {@link #warmUp()} or by the first request. A TLS
	 * provider that was asked for by name and is missing still fails here.
	 * @param identity the client identity, already checked
	 * @param settings the settings of every pool, including those built on rotation
	 * @return the connector
	 */
	static CheckoutMtlsConnector warmingUp(ClientIdentity identity, ConnectorSettings settings) {
		return warmingUp(identity, new ReactorNettyConnectorFactory(settings));
	}

	/**
	 * Creates a connector of one connection for a single check of key material, such as
	 * the doctor's live handshake: the JVM's proxy settings apply, and idle and pooled
	 * connections are closed after the response timeout.
	 * @param identity the client identity to present
	 * @param trustCertificates CAs trusted for the server's certificate; empty for the
	 * JVM's trust store
	 * @param connectTimeout time allowed to establish a TCP connection
	 * @param responseTimeout time allowed for a response
	 * @return the connector, to {@link #destroy() destroy} after use
	 */
	public static CheckoutMtlsConnector forOneCheck(ClientIdentity identity, List<X509Certificate> trustCertificates,
			Duration connectTimeout, Duration responseTimeout) {
		return new CheckoutMtlsConnector(identity, new ConnectorSettings(connectTimeout, responseTimeout, 1,
				responseTimeout, responseTimeout, trustCertificates));
	}

	static CheckoutMtlsConnector warmingUp(ClientIdentity identity, ReactorNettyConnectorFactory factory) {
		factory.requireProvider();
		return new CheckoutMtlsConnector(factory::create, Pool.warmingUp(identity, factory::create), (ready) -> {
		});
	}

	/**
	 * Starts building the first pool on a background thread, if it is not built or being
	 * built yet; returns at once.
	 */
	public void warmUp() {
		this.current.get().startBuild();
	}

	/**
	 * Returns why the current pool could not be built, e.g. a TLS provider's native
	 * library that failed to load.
	 * @return the failure, or {@code null} when the pool is built, being built, or not
	 * started yet
	 */
	public @Nullable Throwable poolFailure() {
		return this.current.get().failure();
	}

	/**
	 * Returns a Reactor context that pins the requests subscribed with it to an
	 * identity's leaf.
	 * @param identity the identity the requests must present
	 * @return the context to write, e.g. with {@code contextWrite}
	 */
	public static ContextView presenting(ClientIdentity identity) {
		return Context.of(PRESENTING, identity);
	}

	/**
	 * Returns what tells, for a connection of this connector, whether the server sent
	 * anything after the client's side of the TLS handshake completed: on TLS 1.3 a
	 * server that refused the client certificate sends nothing but an alert or a reset.
	 * @param channel the connection's channel
	 * @return whether bytes arrived after the handshake, asked when needed; {@code null}
	 * when the channel was not opened by the starter's connector
	 */
	public static @Nullable BooleanSupplier serverActivity(Channel channel) {
		return TlsActivity.of(channel);
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return Mono.deferContextual(
				(context) -> connect(context.getOrDefault(PRESENTING, null), method, uri, requestCallback, true));
	}

	/**
	 * Connects like {@link #connect(HttpMethod, URI, Function)}, pinned to an identity
	 * given as an argument rather than read from the Reactor context: the request
	 * pipeline calls it once per attempt, when the attempt is subscribed, since the
	 * current pool is read when this is called. Unlike {@code connect}, a request that a
	 * swap overtook is not started over here: it fails before anything is sent, and the
	 * caller starts it over (the request pipeline does), one subscriber less per request.
	 * @param presenting the identity the request must present: when another has replaced
	 * it, or a swap replaced its pool before a connection was there to write to, the
	 * request fails with {@link IdentityReplacedException} before anything is sent; when
	 * a swap shut the pool down while the request was waiting for a connection, it fails
	 * with the pool's shutdown error, equally before anything is sent
	 * @param method the HTTP method
	 * @param uri the URI
	 * @param requestCallback writes the request
	 * @return the response
	 */
	public Mono<ClientHttpResponse> connectPresenting(ClientIdentity presenting, HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return connect(presenting, method, uri, requestCallback, false);
	}

	// startsOver: whether the request starts over on the new pool by itself (OnPool), or
	// is only kept from writing on a replaced one, its caller starting it over.
	Mono<ClientHttpResponse> connect(@Nullable ClientIdentity pinned, HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback, boolean startsOver) {
		Pool pool = this.current.get();
		if (pinned != null && pinned != pool.identity() && !pinned.thumbprint().equals(pool.identity().thumbprint())) {
			return Mono.error(new IdentityReplacedException(pinned, pool.identity()));
		}
		PooledConnector pooled = pool.ready();
		if (pooled == null) {
			// Still warming up, failed to, or shut down: wait without blocking, or fail
			// with the pool's error (Mono.fromFuture signals the future's own exception,
			// not a CompletionException around it). A pool replaced meanwhile (a swap, a
			// shutdown) is not used: the request reads the current one again.
			return Mono.fromFuture(pool.pooled(), true).materialize().flatMap((built) -> {
				if (this.current.get() != pool) {
					return connect(pinned, method, uri, requestCallback, startsOver);
				}
				return built.isOnNext() ? connect(pool, built.get(), pinned, method, uri, requestCallback, startsOver)
						: Mono.error(built.getThrowable());
			});
		}
		return connect(pool, pooled, pinned, method, uri, requestCallback, startsOver);
	}

	private Mono<ClientHttpResponse> connect(Pool pool, PooledConnector pooled, @Nullable ClientIdentity pinned,
			HttpMethod method, URI uri, Function<? super ClientHttpRequest, Mono<Void>> requestCallback,
			boolean startsOver) {
		this.poolRead.accept(pooled);
		// A swap can overtake the request between reading the pool and writing to a
		// connection: the guard checks, once the connection is there and before anything
		// is written, that its pool is still the current one.
		return startsOver ? new OnPool(this, pool, pooled, pinned, method, uri, requestCallback)
				: pooled.connector().connect(method, uri, new OnPool.Guard(this, pool, requestCallback));
	}

	// The pool requests started now go to.
	Pool pool() {
		return this.current.get();
	}

	/**
	 * Returns the identity that requests started now present.
	 * @return the current identity
	 */
	public ClientIdentity identity() {
		return this.current.get().identity();
	}

	/**
	 * Returns how busy the current connection pool is: idle while it is still being
	 * built.
	 * @return the current pool's usage
	 */
	public ConnectionPoolUsage poolUsage() {
		PooledConnector pooled = this.current.get().ready();
		return (pooled != null) ? pooled.usage() : Pool.NOT_BUILT;
	}

	/**
	 * Switches to a new identity: requests started after this returns use a new pool
	 * presenting it; the old pool lets its in-flight requests finish, then closes.
	 * @param identity the new identity, already checked
	 * @return the identity it replaced
	 * @throws IllegalStateException when the connector was shut down
	 */
	public ClientIdentity swap(ClientIdentity identity) {
		if (this.current.get().isClosed()) {
			throw Pool.closedFailure();
		}
		Pool next = Pool.built(this.factory.apply(identity));
		Pool previous;
		do {
			previous = this.current.get();
			if (previous.isClosed()) {
				// Shut down while the new pool was built: nothing may use it.
				next.whenBuilt((pooled) -> pooled.pool().dispose());
				throw Pool.closedFailure();
			}
		}
		while (!this.current.compareAndSet(previous, next));
		previous.whenBuilt((pooled) -> pooled.pool().disposeLater().subscribe());
		return previous.identity();
	}

	/**
	 * Shuts the connector down: its pool is closed, and every request from then on fails
	 * before anything is sent, without opening a connection; a swap is refused and no
	 * pool is built any more.
	 */
	@Override
	public void destroy() {
		Pool previous = this.current.getAndUpdate((pool) -> pool.isClosed() ? pool : Pool.closed(pool.identity()));
		if (!previous.isClosed()) {
			previous.close();
		}
	}

	/**
	 * An identity and its pool: built, being built, or to be built on first use.
	 */
	static final class Pool {

		static final ConnectionPoolUsage NOT_BUILT = new ConnectionPoolUsage();

		private final ClientIdentity identity;

		private final CompletableFuture<PooledConnector> pooled;

		// Builds the pool on a background thread; null once started (or for a pool built
		// up front).
		private final AtomicReference<@Nullable Runnable> build;

		// The terminal pool of a connector shut down.
		private final boolean closed;

		private Pool(ClientIdentity identity, CompletableFuture<PooledConnector> pooled, @Nullable Runnable build,
				boolean closed) {
			this.identity = identity;
			this.pooled = pooled;
			this.build = new AtomicReference<>(build);
			this.closed = closed;
		}

		static Pool built(PooledConnector pooled) {
			return new Pool(pooled.identity(), CompletableFuture.completedFuture(pooled), null, false);
		}

		// No connection ever comes from it: every request fails with closedFailure().
		static Pool closed(ClientIdentity identity) {
			return new Pool(identity, CompletableFuture.failedFuture(closedFailure()), null, true);
		}

		static IllegalStateException closedFailure() {
			return new IllegalStateException(
					"The Checkout mTLS connector was shut down (its application context is closing or closed)");
		}

		boolean isClosed() {
			return this.closed;
		}

		// Closes the pool once replaced by the closed one: a build not started never
		// starts (a request still waiting for it fails, and reads the closed pool), one
		// running is disposed as soon as it is done.
		void close() {
			if (this.build.getAndSet(null) != null) {
				this.pooled.completeExceptionally(closedFailure());
			}
			whenBuilt((pooled) -> pooled.pool().dispose());
		}

		static Pool warmingUp(ClientIdentity identity, Function<ClientIdentity, PooledConnector> factory) {
			CompletableFuture<PooledConnector> pooled = new CompletableFuture<>();
			Runnable build = () -> {
				try {
					pooled.complete(factory.apply(identity));
				}
				catch (RuntimeException | Error ex) {
					logger.error("Cannot build the connection pool for '" + identity.subject()
							+ "': every request will fail with this error", ex);
					pooled.completeExceptionally(ex);
				}
			};
			return new Pool(identity, pooled, build, false);
		}

		ClientIdentity identity() {
			return this.identity;
		}

		// What a request waits for: starts the build when nothing has started it yet.
		CompletableFuture<PooledConnector> pooled() {
			startBuild();
			return this.pooled;
		}

		void startBuild() {
			Runnable build = this.build.getAndSet(null);
			if (build != null) {
				Thread thread = new Thread(build, "checkout-mtls-warm-up");
				thread.setDaemon(true);
				thread.start();
			}
		}

		// Runs once the pool is built, without starting its build.
		void whenBuilt(Consumer<PooledConnector> action) {
			this.pooled.thenAccept(action);
		}

		// The pool when built, else null: not built yet, being built, or failed to.
		@Nullable PooledConnector ready() {
			return (this.pooled.isDone() && !this.pooled.isCompletedExceptionally()) ? this.pooled.join() : null;
		}

		// A pool closed by the shutdown has no build failure to report.
		@Nullable Throwable failure() {
			if (this.closed || !this.pooled.isCompletedExceptionally()) {
				return null;
			}
			try {
				this.pooled.join();
				return null;
			}
			catch (CompletionException ex) {
				return (ex.getCause() != null) ? ex.getCause() : ex;
			}
		}

	}

	/**
	 * How busy one connection pool is, across the hosts it connects to: read from Reactor
	 * Netty's pool metrics, without Micrometer.
	 */
	public static final class ConnectionPoolUsage implements ConnectionProvider.MeterRegistrar {

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

}

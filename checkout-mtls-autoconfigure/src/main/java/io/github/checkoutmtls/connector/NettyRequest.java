package io.github.checkoutmtls.connector;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.util.Assert;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClientRequest;

/**
 * A request of {@link NettyConnector}: the behaviour of Spring's Reactor Netty request
 * adapter (its {@code AbstractClientHttpRequest}), committed in one step. Until the
 * commit, the headers, cookies and attributes are the caller's to change; committing runs
 * the actions registered with {@link #beforeCommit}, in order, then applies the headers,
 * cookies and attributes to Reactor Netty's request and writes the body; from then on,
 * the headers read back are the ones sent, and none can be changed.
 */
final class NettyRequest implements ClientHttpRequest, ZeroCopyHttpOutputMessage {

	private static final int NEW = 0;

	private static final int COMMITTING = 1;

	private static final int COMMITTED = 2;

	private static final AtomicIntegerFieldUpdater<NettyRequest> STATE = AtomicIntegerFieldUpdater
		.newUpdater(NettyRequest.class, "state");

	private static final MultiValueMap<String, HttpCookie> NO_COOKIES = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

	private final HttpMethod method;

	private final URI uri;

	private final HttpClientRequest request;

	private final NettyOutbound outbound;

	private final HttpHeaders headers = new HttpHeaders();

	private volatile int state;

	// Created when first asked for: most requests carry no cookie, attribute or action.
	private @Nullable MultiValueMap<String, HttpCookie> cookies;

	private @Nullable Map<String, Object> attributes;

	private @Nullable List<Supplier<? extends Mono<Void>>> commitActions;

	private @Nullable HttpHeaders readOnlyHeaders;

	private @Nullable DataBufferFactory bufferFactory;

	NettyRequest(HttpMethod method, URI uri, HttpClientRequest request, NettyOutbound outbound) {
		this.method = method;
		this.uri = uri;
		this.request = request;
		this.outbound = outbound;
	}

	@Override
	public HttpMethod getMethod() {
		return this.method;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders readOnly = this.readOnlyHeaders;
		if (readOnly != null) {
			return readOnly;
		}
		if (this.state == COMMITTED) {
			// What was sent: the caller's headers and those Reactor Netty adds.
			readOnly = HttpHeaders.readOnlyHttpHeaders(new Netty4HeadersAdapter(this.request.requestHeaders()));
			this.readOnlyHeaders = readOnly;
			return readOnly;
		}
		return this.headers;
	}

	@Override
	public MultiValueMap<String, HttpCookie> getCookies() {
		MultiValueMap<String, HttpCookie> current = this.cookies;
		if (this.state == COMMITTED) {
			return (current != null) ? CollectionUtils.unmodifiableMultiValueMap(current) : NO_COOKIES;
		}
		if (current == null) {
			current = new LinkedMultiValueMap<>();
			this.cookies = current;
		}
		return current;
	}

	@Override
	public Map<String, Object> getAttributes() {
		Map<String, Object> current = this.attributes;
		if (this.state == COMMITTED) {
			return (current != null) ? Collections.unmodifiableMap(current) : Collections.emptyMap();
		}
		if (current == null) {
			current = new LinkedHashMap<>();
			this.attributes = current;
		}
		return current;
	}

	@Override
	public DataBufferFactory bufferFactory() {
		DataBufferFactory factory = this.bufferFactory;
		if (factory == null) {
			factory = new NettyDataBufferFactory(this.outbound.alloc());
			this.bufferFactory = factory;
		}
		return factory;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getNativeRequest() {
		return (T) this.request;
	}

	@Override
	public void beforeCommit(Supplier<? extends Mono<Void>> action) {
		Assert.notNull(action, "Action must not be null");
		List<Supplier<? extends Mono<Void>>> actions = this.commitActions;
		if (actions == null) {
			actions = new ArrayList<>(2);
			this.commitActions = actions;
		}
		actions.add(action);
	}

	@Override
	public boolean isCommitted() {
		return this.state != NEW;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return commit(() -> {
			// A single buffer stays a Mono: Reactor Netty then sends it with a
			// Content-Length, as Spring's adapter does.
			if (body instanceof Mono) {
				return this.outbound.send(Mono.from(body).map(NettyDataBufferFactory::toByteBuf)).then();
			}
			return this.outbound.send(Flux.from(body).map(NettyDataBufferFactory::toByteBuf)).then();
		});
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		Publisher<Publisher<ByteBuf>> groups = Flux.from(body)
			.map((group) -> Flux.from(group).map(NettyDataBufferFactory::toByteBuf));
		return commit(() -> this.outbound.sendGroups(groups).then());
	}

	@Override
	public Mono<Void> writeWith(Path file, long position, long count) {
		return commit(() -> this.outbound.sendFile(file, position, count).then());
	}

	@Override
	public Mono<Void> setComplete() {
		// No write action: Reactor Netty then sends the request without a body.
		return commit(null);
	}

	// Only the first call commits; later ones complete without doing anything, as with
	// Spring's adapter.
	private Mono<Void> commit(@Nullable Supplier<? extends Publisher<Void>> write) {
		if (!STATE.compareAndSet(this, NEW, COMMITTING)) {
			return Mono.empty();
		}
		Mono<Void> commit = Commit.of(this, write);
		List<Supplier<? extends Mono<Void>>> actions = this.commitActions;
		if (actions == null) {
			return commit;
		}
		// The actions' publishers are created now and run one after the other, each
		// subscribed once the one before it completed, as Spring's adapter does; the
		// headers are applied after the last of them.
		List<Publisher<Void>> steps = new ArrayList<>(actions.size() + 1);
		for (Supplier<? extends Mono<Void>> action : actions) {
			steps.add(action.get());
		}
		steps.add(commit);
		return Flux.concat(steps).then();
	}

	private void apply() {
		io.netty.handler.codec.http.HttpHeaders nettyHeaders = this.request.requestHeaders();
		this.headers.forEach(nettyHeaders::set);
		MultiValueMap<String, HttpCookie> cookies = this.cookies;
		if (cookies != null) {
			cookies.values()
				.forEach((values) -> values.forEach(
						(cookie) -> this.request.addCookie(new DefaultCookie(cookie.getName(), cookie.getValue()))));
		}
		Map<String, Object> attributes = this.attributes;
		if (attributes != null && !attributes.isEmpty()) {
			// On the channel for the exchange, under Spring's key, cleared when it ends.
			Connection connection = (Connection) this.request;
			connection.channel().attr(ReactorClientHttpConnector.ATTRIBUTES_KEY).set(attributes);
			connection.onTerminate()
				.subscribe(null, (ex) -> clearAttributes(connection), () -> clearAttributes(connection));
		}
		this.state = COMMITTED;
	}

	private static void clearAttributes(Connection connection) {
		connection.channel().attr(ReactorClientHttpConnector.ATTRIBUTES_KEY).set(null);
	}

	/**
	 * Applies the headers, cookies and attributes when subscribed, then writes the body,
	 * if any: one object where Spring's adapter concatenates two publishers and ignores
	 * their elements.
	 */
	private static final class Commit extends Mono<Void> {

		private final NettyRequest request;

		private final @Nullable Supplier<? extends Publisher<Void>> write;

		Commit(NettyRequest request, @Nullable Supplier<? extends Publisher<Void>> write) {
			this.request = request;
			this.write = write;
		}

		// Seen by Reactor's assembly hooks, as any operator is.
		static Mono<Void> of(NettyRequest request, @Nullable Supplier<? extends Publisher<Void>> write) {
			return onAssembly(new Commit(request, write));
		}

		@Override
		public void subscribe(CoreSubscriber<? super Void> actual) {
			Publisher<Void> body;
			try {
				this.request.apply();
				body = (this.write != null) ? this.write.get() : null;
			}
			catch (Throwable ex) {
				// A header Netty refuses, say: the request fails before anything is sent,
				// as with Spring's adapter, whose commit runs in Mono.fromRunnable.
				Exceptions.throwIfJvmFatal(ex);
				Operators.error(actual, Operators.onOperatorError(ex, actual.currentContext()));
				return;
			}
			if (body == null) {
				Operators.complete(actual);
				return;
			}
			body.subscribe(actual);
		}

	}

}

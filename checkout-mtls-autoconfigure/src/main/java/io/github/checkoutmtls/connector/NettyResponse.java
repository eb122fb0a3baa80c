package io.github.checkoutmtls.connector;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.ObjectUtils;

import reactor.core.publisher.Flux;
import reactor.netty.ChannelOperationsId;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;
import reactor.netty.http.client.HttpClientResponse;

/**
 * A response of {@link NettyConnector}, as Spring's {@code ReactorClientHttpResponse} is:
 * its body is read once, and a body nobody subscribed to when the exchange was cancelled
 * is drained, so its connection goes back to the pool.
 */
final class NettyResponse implements ClientHttpResponse {

	private static final Log springLogger = LogFactory
		.getLog("org.springframework.http.client.reactive.ReactorClientHttpResponse");

	private static final int NOT_SUBSCRIBED = 0;

	private static final int SUBSCRIBED = 1;

	private static final int RELEASED = 2;

	private final HttpClientResponse response;

	private final HttpHeaders headers;

	private final NettyInbound inbound;

	private final NettyDataBufferFactory bufferFactory;

	private final AtomicInteger state = new AtomicInteger();

	NettyResponse(HttpClientResponse response, Connection connection) {
		this.response = response;
		this.headers = HttpHeaders.readOnlyHttpHeaders(new Netty4HeadersAdapter(response.responseHeaders()));
		this.inbound = connection.inbound();
		this.bufferFactory = new NettyDataBufferFactory(connection.outbound().alloc());
	}

	@Override
	public String getId() {
		String id = null;
		if (this.response instanceof ChannelOperationsId operations) {
			// As Spring's response: the long form when its debug log is on, so its log
			// prefix matches Reactor Netty's.
			id = springLogger.isDebugEnabled() ? operations.asLongText() : operations.asShortText();
		}
		if (id == null && this.response instanceof Connection connection) {
			id = connection.channel().id().asShortText();
		}
		return (id != null) ? id : ObjectUtils.getIdentityHexString(this);
	}

	@Override
	public Flux<DataBuffer> getBody() {
		return this.inbound.receive().doOnSubscribe((subscription) -> {
			if (!this.state.compareAndSet(NOT_SUBSCRIBED, SUBSCRIBED) && this.state.get() == RELEASED) {
				throw new IllegalStateException(
						"The client response body has been released already due to cancellation.");
			}
		}).map((buffer) -> this.bufferFactory.wrap(buffer.retain()));
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatusCode.valueOf(this.response.status().code());
	}

	@Override
	public MultiValueMap<String, ResponseCookie> getCookies() {
		MultiValueMap<String, ResponseCookie> result = new LinkedMultiValueMap<>();
		this.response.cookies()
			.values()
			.forEach((cookies) -> cookies.forEach((cookie) -> result.add(cookie.name(), responseCookie(cookie))));
		return CollectionUtils.unmodifiableMultiValueMap(result);
	}

	private static ResponseCookie responseCookie(Cookie cookie) {
		DefaultCookie full = (cookie instanceof DefaultCookie defaultCookie) ? defaultCookie : null;
		return ResponseCookie.fromClientResponse(cookie.name(), cookie.value())
			.domain(cookie.domain())
			.path(cookie.path())
			.maxAge(cookie.maxAge())
			.secure(cookie.isSecure())
			.httpOnly(cookie.isHttpOnly())
			.sameSite((full != null && full.sameSite() != null) ? full.sameSite().name() : null)
			.partitioned(full != null && full.isPartitioned())
			.build();
	}

	// Drains a body that may come and that nobody subscribed to, when the exchange was
	// cancelled after the response arrived.
	void releaseAfterCancel(HttpMethod method) {
		if (mayHaveBody(method) && this.state.compareAndSet(NOT_SUBSCRIBED, RELEASED)) {
			this.inbound.receive().subscribe((buffer) -> {
			}, (ex) -> {
			});
		}
	}

	private boolean mayHaveBody(HttpMethod method) {
		int code = this.response.status().code();
		return !((code >= 100 && code < 200) || code == 204 || code == 205 || method.equals(HttpMethod.HEAD)
				|| this.headers.getContentLength() == 0);
	}

	@Override
	public String toString() {
		return "NettyResponse{request=[" + this.response.method().name() + " " + this.response.uri() + "], status="
				+ getStatusCode() + "}";
	}

	/**
	 * The response of one exchange, once it arrived: what a cancel lets go of.
	 */
	static final class Holder {

		private volatile @Nullable NettyResponse response;

		NettyResponse hold(HttpClientResponse received, Connection connection) {
			NettyResponse held = new NettyResponse(received, connection);
			this.response = held;
			return held;
		}

		void releaseAfterCancel(HttpMethod method) {
			NettyResponse held = this.response;
			if (held != null) {
				held.releaseAfterCancel(method);
			}
		}

	}

}

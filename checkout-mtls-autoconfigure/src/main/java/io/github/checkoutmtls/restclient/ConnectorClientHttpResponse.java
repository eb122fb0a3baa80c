package io.github.checkoutmtls.restclient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;

/**
 * A reactive response read by a blocking caller: the body streams as it arrives, and
 * closing the response reads what is left, so the connection goes back to its pool; or
 * the body was read whole before the caller woke up, and its connection is back already.
 */
final class ConnectorClientHttpResponse implements ClientHttpResponse {

	// Buffers requested ahead of the reader, as Spring's own Reactor Netty request
	// factory does.
	private static final int DEMAND = 16;

	private final org.springframework.http.client.reactive.ClientHttpResponse response;

	private volatile InputStream body;

	ConnectorClientHttpResponse(org.springframework.http.client.reactive.ClientHttpResponse response) {
		this.response = response;
	}

	ConnectorClientHttpResponse(org.springframework.http.client.reactive.ClientHttpResponse response, byte[] body) {
		this.response = response;
		this.body = new ByteArrayInputStream(body);
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return this.response.getStatusCode();
	}

	@Override
	public String getStatusText() {
		HttpStatus status = HttpStatus.resolve(this.response.getStatusCode().value());
		return (status != null) ? status.getReasonPhrase() : "";
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.response.getHeaders();
	}

	@Override
	public synchronized InputStream getBody() {
		if (this.body == null) {
			this.body = DataBufferUtils.subscriberInputStream(this.response.getBody(), DEMAND);
		}
		return this.body;
	}

	/**
	 * Lets go of the response without reading it on this thread, for a response nobody
	 * will read: a body not read whole yet is released as it arrives.
	 */
	synchronized void discard() {
		if (this.body == null) {
			this.body = InputStream.nullInputStream();
			release(this.response);
		}
	}

	/**
	 * Lets go of a reactive response nobody will read: its body is released as it
	 * arrives, and its connection goes back to the pool.
	 * @param response the response
	 */
	static void release(org.springframework.http.client.reactive.ClientHttpResponse response) {
		response.getBody().subscribe(DataBufferUtils::release, (ex) -> {
		});
	}

	@Override
	public void close() {
		try (InputStream remaining = getBody()) {
			StreamUtils.drain(remaining);
		}
		catch (IOException ex) {
			// The connection is closed instead of returned to the pool: nothing for the
			// caller to do.
		}
	}

}

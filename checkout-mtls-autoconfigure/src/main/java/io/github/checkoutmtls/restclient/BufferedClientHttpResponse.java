package io.github.checkoutmtls.restclient;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A response whose body was read whole on the connection's thread, before the blocking
 * caller woke up: its connection is already back in its pool, and closing it has nothing
 * left to do.
 */
final class BufferedClientHttpResponse implements ClientHttpResponse {

	private final org.springframework.http.client.reactive.ClientHttpResponse response;

	private final byte[] body;

	BufferedClientHttpResponse(org.springframework.http.client.reactive.ClientHttpResponse response, byte[] body) {
		this.response = response;
		this.body = body;
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
	public InputStream getBody() {
		return new ByteArrayInputStream(this.body);
	}

	@Override
	public void close() {
	}

}

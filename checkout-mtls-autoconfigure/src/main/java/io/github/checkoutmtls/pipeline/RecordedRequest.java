package io.github.checkoutmtls.pipeline;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * The request as its first attempt wrote it, after every filter and customizer had their
 * say: the headers, cookies and exact body bytes that a repeat sends again.
 *
 * @param headers the headers, the idempotency key included
 * @param cookies the cookies
 * @param body the body bytes, or {@code null} for a request completed without a body
 */
record RecordedRequest(HttpHeaders headers, MultiValueMap<String, HttpCookie> cookies, byte[] body) {

	// Recorded as the request is committed, after which nothing changes its headers or
	// cookies: held, not copied, since almost every request is never sent again (a repeat
	// copies them into its own request).
	static RecordedRequest of(HttpHeaders headers, MultiValueMap<String, HttpCookie> cookies, byte[] body) {
		return new RecordedRequest(headers, cookies, body);
	}

	// The headers hold the bearer token, the cookies may hold anything: names only.
	@Override
	public String toString() {
		return "RecordedRequest[headers=" + this.headers.headerNames() + ", cookies=" + this.cookies.keySet()
				+ ", body=" + ((this.body != null) ? this.body.length + " bytes" : "none") + "]";
	}

}

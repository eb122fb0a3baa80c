package io.github.checkoutmtls.doctor.cli;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import io.github.checkoutmtls.identity.ClientIdentityLoader;

/**
 * What the doctor is asked to examine, as the command line gives it.
 *
 * @param loader loads the client identity
 * @param source where the material comes from, for a report whose material cannot be
 * loaded
 * @param root a PEM file with the root(s) the user says issued the chain, or {@code null}
 * @param rootsOut where to write the root(s) to send to Checkout, or {@code null} not to
 * write them
 * @param connectTo the API base URL to make a live handshake with, or {@code null} for
 * none
 * @param trustCertificates a PEM file of CAs trusted for the server's certificate, or
 * {@code null} for the JVM's trust store
 */
record DoctorRequest(ClientIdentityLoader loader, String source, @Nullable Path root, @Nullable Path rootsOut,
		@Nullable URI connectTo, @Nullable Path trustCertificates) {

	/**
	 * Option naming the root file.
	 */
	static final String ROOT = "--root";

	/**
	 * Option naming the roots output file.
	 */
	static final String ROOTS_OUT = "--roots-out";

	/**
	 * Option naming the trusted server CAs.
	 */
	static final String TRUST_CERTIFICATES = "--trust-certificates";

}

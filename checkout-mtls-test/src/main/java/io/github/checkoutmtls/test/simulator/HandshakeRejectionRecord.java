package io.github.checkoutmtls.test.simulator;

import java.time.Instant;

/**
 * A client handshake the simulator rejected.
 *
 * @param host the host whose port the client connected to
 * @param reason why, for example {@code no client certificate},
 * {@code chain does not validate to a registered root: ...} or
 * {@code certificate expired: ...}
 * @param presentedSubject subject of the leaf the client presented, or {@code null} if it
 * presented none
 * @param rejectedAt when the handshake was rejected
 */
public record HandshakeRejectionRecord(SimulatorHost host, String reason, String presentedSubject, Instant rejectedAt) {

}

package io.github.checkoutmtls.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real HTTP proxy for tests: Debian's {@code tinyproxy}, started on a free loopback
 * port with a generated configuration that allows CONNECT to the given ports only.
 */
final class Tinyproxy implements AutoCloseable {

	private static final Path BINARY = Path.of("/usr/bin/tinyproxy");

	private final Process process;

	private final Path log;

	private final int port;

	private Tinyproxy(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts a proxy.
	 * @param directory where to write its configuration and log
	 * @param basicAuth {@code user:password} the proxy requires, or {@code null}
	 * @param connectPorts the ports CONNECT may reach
	 * @return the started proxy, accepting connections
	 */
	static Tinyproxy start(Path directory, String basicAuth, List<Integer> connectPorts) throws IOException {
		assertThat(BINARY)
			.as("tinyproxy is needed for the egress proxy tests: apt-get install -y tinyproxy"
					+ " (.ci/run installs it)")
			.isExecutable();
		int port = freePort();
		Path log = directory.resolve("tinyproxy.log");
		StringBuilder config = new StringBuilder().append("Port ")
			.append(port)
			.append('\n')
			.append("Listen 127.0.0.1\nTimeout 30\nAllow 127.0.0.1\nMaxClients 50\nLogLevel Info\n")
			.append("LogFile \"")
			.append(log)
			.append("\"\n");
		connectPorts.forEach((connectPort) -> config.append("ConnectPort ").append(connectPort).append('\n'));
		if (basicAuth != null) {
			config.append("BasicAuth ").append(basicAuth.replace(':', ' ')).append('\n');
		}
		Path file = Files.writeString(directory.resolve("tinyproxy.conf"), config);
		Process process = new ProcessBuilder(BINARY.toString(), "-d", "-c", file.toString()).redirectErrorStream(true)
			.redirectOutput(directory.resolve("tinyproxy.out").toFile())
			.start();
		Tinyproxy proxy = new Tinyproxy(process, log, port);
		await().atMost(Duration.ofSeconds(10)).until(proxy::accepts);
		return proxy;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	int port() {
		return this.port;
	}

	/**
	 * Returns the CONNECT requests the proxy received, such as
	 * {@code CONNECT localhost:4431 HTTP/1.1}.
	 * @return the request lines
	 */
	List<String> connectRequests() {
		try {
			if (!Files.exists(this.log)) {
				return List.of();
			}
			return Files.readAllLines(this.log)
				.stream()
				.filter((line) -> line.contains("): CONNECT "))
				.map((line) -> line.substring(line.lastIndexOf("): CONNECT ") + 3))
				.collect(Collectors.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String connectLine(String baseUrl) {
		URI uri = URI.create(baseUrl);
		return "CONNECT " + uri.getHost() + ":" + uri.getPort() + " HTTP/1.1";
	}

	@Override
	public void close() {
		this.process.destroy();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.process.isAlive());
	}

}

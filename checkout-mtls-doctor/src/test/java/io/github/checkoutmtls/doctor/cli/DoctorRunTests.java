package io.github.checkoutmtls.doctor.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import io.github.checkoutmtls.doctor.Doctor;
import io.github.checkoutmtls.doctor.DoctorReport;
import io.github.checkoutmtls.doctor.DoctorReport.CertificateSummary;
import io.github.checkoutmtls.doctor.DoctorReport.ConnectResult;
import io.github.checkoutmtls.doctor.RootCertificates;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentity;
import io.github.checkoutmtls.identity.ClientIdentityLoader;
import io.github.checkoutmtls.identity.Finding;
import io.github.checkoutmtls.test.junit.SimulatorFixture;
import io.github.checkoutmtls.test.pki.Pem;
import io.github.checkoutmtls.test.pki.TestPki;
import io.github.checkoutmtls.test.pki.TestPkiFiles;
import io.github.checkoutmtls.test.simulator.CheckoutMtlsSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DoctorRun}: reports on key material made by the test PKI and written
 * to files.
 */
class DoctorRunTests {

	@TempDir
	Path directory;

	private final TestPki pki = TestPki.builder().commonName("merchant.internal").build();

	@Test
	void runWhenChainIsGoodPassesAndSummarizesEveryCertificateInSendOrder() throws IOException {
		DoctorReport report = run(null, request(chainFile(this.pki.chain()), key(this.pki)));
		assertThat(report.exitCode()).isZero();
		assertThat(report.findings()).extracting(Finding::status).containsOnly(Finding.Status.PASS);
		assertThat(report.commonName()).isEqualTo("merchant.internal");
		assertThat(report.certificates())
			.extracting(CertificateSummary::position, CertificateSummary::role, CertificateSummary::subject)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "leaf", this.pki.leaf().subject()),
					org.assertj.core.groups.Tuple.tuple(2, "intermediate", this.pki.intermediates().get(0).subject()));
		CertificateSummary leaf = report.certificates().get(0);
		assertThat(leaf.key()).isEqualTo("EC 256 bits");
		assertThat(leaf.daysLeft()).isBetween(363L, 365L);
		assertThat(leaf.serialNumber()).isEqualTo(this.pki.leaf().certificate().getSerialNumber().toString(16));
		assertThat(leaf.sha256Fingerprint()).isEqualTo(identity(this.pki.chain()).fingerprint());
	}

	@Test
	void runWhenChainHoldsTheRootWritesItAsTheRootToSend() throws IOException {
		List<X509Certificate> chain = new ArrayList<>(this.pki.chain());
		chain.add(this.pki.root().certificate());
		Path out = this.directory.resolve("checkout-roots.pem");
		DoctorReport report = run(null,
				new DoctorRequest(loader(chainFile(chain), key(this.pki)), "test", null, out, null, null));
		assertThat(report.exitCode()).isZero();
		assertThat(report.roots().status()).isEqualTo(RootCertificates.Status.IN_CHAIN);
		assertThat(report.roots().file()).isEqualTo(out);
		assertThat(report.certificates()).extracting(CertificateSummary::role)
			.containsExactly("leaf", "intermediate", "root");
		assertThat(Files.readString(out)).isEqualTo(Pem.certificates(this.pki.root().certificate()));
	}

	@Test
	void runWhenChainLacksTheRootSaysToTakeItFromTheCaAndWritesNothing() throws IOException {
		Path out = this.directory.resolve("checkout-roots.pem");
		DoctorReport report = run(null,
				new DoctorRequest(loader(chainFile(this.pki.chain()), key(this.pki)), "test", null, out, null, null));
		assertThat(report.exitCode()).isZero();
		assertThat(report.roots().status()).isEqualTo(RootCertificates.Status.NOT_FOUND);
		assertThat(report.roots().message()).contains("could not be found in the material")
			.contains(this.pki.root().subject());
		assertThat(out).doesNotExist();
	}

	@Test
	void runWhenGivenRootSignedTheChainWritesIt() throws IOException {
		Path root = write("root.pem", Pem.certificates(this.pki.root().certificate()));
		Path out = this.directory.resolve("roots.pem");
		DoctorReport report = run(null,
				new DoctorRequest(loader(chainFile(this.pki.chain()), key(this.pki)), "test", root, out, null, null));
		assertThat(report.exitCode()).isZero();
		assertThat(report.roots().status()).isEqualTo(RootCertificates.Status.GIVEN);
		assertThat(Files.readString(out)).isEqualTo(Pem.certificates(this.pki.root().certificate()));
	}

	@Test
	void runWhenGivenRootDidNotSignTheChainFails() throws IOException {
		Path root = write("root.pem", Pem.certificates(TestPki.builder().build().root().certificate()));
		DoctorReport report = run(null,
				new DoctorRequest(loader(chainFile(this.pki.chain()), key(this.pki)), "test", root, null, null, null));
		assertThat(report.exitCode()).isEqualTo(DoctorReport.FAILED);
		assertThat(report.roots().status()).isEqualTo(RootCertificates.Status.NOT_THE_ISSUER);
		assertThat(report.roots().message()).contains("Take the root certificate '" + this.pki.root().subject());
	}

	@Test
	void runWhenIntermediateIsMissingFailsNamingIt() throws IOException {
		TestPki twoIntermediates = TestPki.builder().intermediates(2).build();
		Path chain = chainFile(
				List.of(twoIntermediates.leaf().certificate(), twoIntermediates.intermediates().get(0).certificate()));
		DoctorReport report = run(null, request(chain, key(twoIntermediates)));
		assertThat(report.exitCode()).isEqualTo(DoctorReport.FAILED);
		assertThat(failed(report)).containsExactly("chain-complete");
		assertThat(report.failedFindings().get(0).failure().getAction())
			.contains("Append the PEM of the CA certificate '" + twoIntermediates.intermediates().get(1).subject());
	}

	@Test
	void runWhenLeafIsExpiredFails() throws IOException {
		Instant now = Instant.now();
		TestPki expired = TestPki.builder()
			.leafValidity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
			.build();
		DoctorReport report = run(null, request(chainFile(expired.chain()), key(expired)));
		assertThat(report.exitCode()).isEqualTo(DoctorReport.FAILED);
		assertThat(failed(report)).containsExactly("validity");
		assertThat(report.certificates().get(0).daysLeft()).isNegative();
	}

	@Test
	void runWhenCommonNameIsNotTheExpectedOneFails() throws IOException {
		DoctorReport report = run("other.internal", request(chainFile(this.pki.chain()), key(this.pki)));
		assertThat(report.exitCode()).isEqualTo(DoctorReport.FAILED);
		assertThat(failed(report)).containsExactly("common-name");
		assertThat(report.commonName()).isEqualTo("merchant.internal");
	}

	@Test
	void runWhenKeyBelongsToAnotherCertificateReportsTheLoadFailure() throws IOException {
		DoctorReport report = run(null, request(chainFile(this.pki.chain()), key(TestPki.builder().build())));
		assertThat(report.exitCode()).isEqualTo(DoctorReport.FAILED);
		assertThat(report.failure()).isNotNull();
		assertThat(report.failure().getProblem()).startsWith("Private key matches none of the certificates");
		assertThat(report.failure().getProperty()).isEqualTo("checkout.mtls.pem.private-key");
		assertThat(report.certificates()).isEmpty();
	}

	@Test
	void runWhenRootFileIsMissingReportsTheOption() throws IOException {
		DoctorReport report = run(null, new DoctorRequest(loader(chainFile(this.pki.chain()), key(this.pki)), "test",
				this.directory.resolve("missing.pem"), null, null, null));
		assertThat(report.failure()).isInstanceOf(DoctorInputException.class);
		assertThat(report.failure().getProperty()).isEqualTo("--root");
	}

	@Test
	void runFromKeyStoreReportsTheSameChain() {
		TestPkiFiles files = this.pki.writeTo(this.directory.resolve("pki"));
		ClientIdentityLoader loader = ClientIdentityLoader.keyStore(new DefaultResourceLoader(),
				files.pkcs12().toString(), null, files.pkcs12Password(), null);
		DoctorReport report = run(null, new DoctorRequest(loader, "test", null, null, null, null));
		assertThat(report.exitCode()).isZero();
		assertThat(report.certificates()).hasSize(2);
	}

	@Test
	void runWithConnectWhenSimulatorTrustsTheRootConnects() throws IOException {
		try (SimulatorFixture fixture = SimulatorFixture.builder().pki(this.pki).start()) {
			CheckoutMtlsSimulator simulator = fixture.simulator();
			Path trust = write("simulator-ca.pem", simulator.serverCaPem());
			DoctorReport report = run(null, new DoctorRequest(loader(chainFile(this.pki.chain()), key(this.pki)),
					"test", null, null, URI.create(simulator.apiBaseUrl()), trust));
			assertThat(report.connection().outcome()).isEqualTo(ConnectResult.Outcome.CONNECTED);
			assertThat(report.exitCode()).isZero();
		}
	}

	@Test
	void runWithConnectWhenHandshakeIsRefusedFails() throws IOException {
		// The simulator trusts a PKI of its own, not the client's
		try (SimulatorFixture fixture = SimulatorFixture.builder().start()) {
			CheckoutMtlsSimulator simulator = fixture.simulator();
			Path trust = write("simulator-ca.pem", simulator.serverCaPem());
			DoctorReport report = run(null, new DoctorRequest(loader(chainFile(this.pki.chain()), key(this.pki)),
					"test", null, null, URI.create(simulator.apiBaseUrl()), trust));
			assertThat(report.findings()).extracting(Finding::status).containsOnly(Finding.Status.PASS);
			assertThat(report.connection().outcome()).isEqualTo(ConnectResult.Outcome.CLIENT_CERTIFICATE_REJECTED);
			assertThat(report.exitCode()).isEqualTo(DoctorReport.FAILED);
		}
	}

	static DoctorReport run(String expectedCommonName, DoctorRequest request) {
		Doctor doctor = new Doctor(new CertificateChecks(expectedCommonName, Duration.ofDays(30), Clock.systemUTC()),
				Clock.systemUTC());
		return new DoctorRun(doctor, Clock.systemUTC()).run(request);
	}

	private static List<String> failed(DoctorReport report) {
		return report.failedFindings().stream().map(Finding::check).toList();
	}

	private DoctorRequest request(Path chain, Path key) {
		return new DoctorRequest(loader(chain, key), "test", null, null, null, null);
	}

	private static ClientIdentityLoader loader(Path chain, Path key) {
		return ClientIdentityLoader.pem(new DefaultResourceLoader(), chain.toString(), key.toString(), null);
	}

	private ClientIdentity identity(List<X509Certificate> chain) {
		return ClientIdentity.of(chain, this.pki.leaf().privateKey(), "test=memory");
	}

	private Path chainFile(List<X509Certificate> chain) throws IOException {
		return write("chain-" + chain.size() + ".pem", Pem.certificates(chain));
	}

	private Path key(TestPki owner) throws IOException {
		return write("key-" + owner.leaf().thumbprint() + ".pem", Pem.privateKey(owner.leaf().privateKey()));
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.directory.resolve(name), content);
	}

}

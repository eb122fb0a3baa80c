package io.github.checkoutmtls.doctor.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;
import io.github.checkoutmtls.autoconfigure.CheckoutEnvironment;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsHosts;
import io.github.checkoutmtls.autoconfigure.CheckoutMtlsProperties;
import io.github.checkoutmtls.doctor.Doctor;
import io.github.checkoutmtls.doctor.DoctorReport;
import io.github.checkoutmtls.identity.CertificateChecks;
import io.github.checkoutmtls.identity.ClientIdentityLoader;

/**
 * The {@code checkout-mtls-doctor} command: examines client key material the way the
 * starter would at startup, prints the chain, every check, the CN and roots to register
 * with Checkout, writes those roots to the file {@code checkout.mtls.registered-roots}
 * reads and, with {@code --connect}, the outcome of a live handshake. Passwords come from
 * environment variables named on the command line, never from the command line itself.
 */
public final class DoctorCommand {

	/**
	 * Exit code when the arguments are wrong.
	 */
	public static final int USAGE_ERROR = 2;

	static final String USAGE = """
			Usage: java -jar checkout-mtls-doctor.jar
			         (--certificate chain.pem [--private-key key.pem] [--private-key-password-env VAR]
			          | --keystore store.p12 [--keystore-password-env VAR] [--keystore-type PKCS12|JKS] [--alias A])
			         [--expected-common-name CN] [--root ca.pem] [--roots-out checkout-roots.pem]
			         [--registered-roots checkout-roots.pem]
			         [--connect [--environment sandbox|production] [--api-base-url URL] [--trust-certificates ca.pem]]
			Exit code: 0 when every check passes, 1 when one fails, 2 when the arguments are wrong.""";

	// The properties' names are the starter's documented contract.
	private static final Map<String, String> OPTION_OF_PROPERTY = Map.ofEntries(
			Map.entry("checkout.mtls.pem.certificate", "--certificate"),
			Map.entry("checkout.mtls.pem.private-key", "--private-key"),
			Map.entry("checkout.mtls.pem.private-key-password", "--private-key-password-env"),
			Map.entry("checkout.mtls.keystore.location", "--keystore"),
			Map.entry("checkout.mtls.keystore.password", "--keystore-password-env"),
			Map.entry("checkout.mtls.keystore.type", "--keystore-type"),
			Map.entry("checkout.mtls.keystore.alias", "--alias"),
			Map.entry("checkout.mtls.expected-common-name", "--expected-common-name"),
			Map.entry("checkout.mtls.api-base-url", "--api-base-url"),
			Map.entry(DoctorReportPrinter.REGISTERED_ROOTS, "--registered-roots"));

	private final PrintStream out;

	private final UnaryOperator<String> environment;

	private final Path workingDirectory;

	private final ResourceLoader resourceLoader = new DefaultResourceLoader();

	/**
	 * Creates the command.
	 * @param out where the report is printed
	 * @param environment looks up environment variables, for passwords
	 * @param workingDirectory what relative paths are resolved against
	 */
	public DoctorCommand(PrintStream out, UnaryOperator<String> environment, Path workingDirectory) {
		this.out = out;
		this.environment = environment;
		this.workingDirectory = workingDirectory;
	}

	/**
	 * Runs the command in a terminal and exits with its exit code.
	 * @param args the program arguments
	 */
	public static void main(String[] args) {
		System.exit(forConsole().run(args));
	}

	/**
	 * Creates the command for a terminal: prints to standard output, reads the process
	 * environment and silences logging, so that the report is all that is printed.
	 * @return the command
	 */
	public static DoctorCommand forConsole() {
		LoggingSystem.get(DoctorCommand.class.getClassLoader()).beforeInitialize();
		return new DoctorCommand(System.out, System::getenv, Path.of("").toAbsolutePath());
	}

	/**
	 * Runs the command.
	 * @param args the program arguments
	 * @return the exit code: {@value DoctorReport#PASSED} when every check passed,
	 * {@value DoctorReport#FAILED} when one failed, {@value #USAGE_ERROR} when the
	 * arguments are wrong
	 */
	public int run(String... args) {
		try {
			DoctorArguments arguments = DoctorArguments.parse(args);
			if (arguments.has("--help")) {
				this.out.println(USAGE);
				return DoctorReport.PASSED;
			}
			DoctorReport report = examine(arguments);
			this.out.print(new DoctorReportPrinter(DoctorCommand::label).render(report));
			return report.exitCode();
		}
		catch (IllegalArgumentException ex) {
			this.out.println("doctor: " + ex.getMessage());
			this.out.println(USAGE);
			return USAGE_ERROR;
		}
	}

	private DoctorReport examine(DoctorArguments arguments) {
		ClientIdentityLoader loader = loader(arguments);
		String source = source(arguments);
		try {
			CertificateChecks checks = checks(arguments);
			DoctorRequest request = new DoctorRequest(loader, source, path(arguments.get("--root")),
					rootsOut(arguments), arguments.has("--connect") ? apiBaseUrl(arguments) : null,
					path(arguments.get("--trust-certificates")));
			return new DoctorRun(new Doctor(checks, Clock.systemUTC()), Clock.systemUTC()).run(request);
		}
		catch (CheckoutMtlsConfigurationException ex) {
			return DoctorReport.failed(source, ex);
		}
	}

	private CertificateChecks checks(DoctorArguments arguments) {
		CertificateChecks checks = new CertificateChecks(arguments.get("--expected-common-name"),
				new CheckoutMtlsProperties().getCertificate().getExpiryWarning(), Clock.systemUTC());
		String registeredRoots = arguments.get("--registered-roots");
		return (registeredRoots != null) ? checks.withRegisteredRoots(this.resourceLoader, file(registeredRoots))
				: checks;
	}

	private ClientIdentityLoader loader(DoctorArguments arguments) {
		String certificate = arguments.get("--certificate");
		String keystore = arguments.get("--keystore");
		if ((certificate == null) == (keystore == null)) {
			throw new IllegalArgumentException("Give either --certificate or --keystore");
		}
		if (keystore != null) {
			return ClientIdentityLoader.keyStore(this.resourceLoader, file(keystore), arguments.get("--keystore-type"),
					secret(arguments, "--keystore-password-env"), arguments.get("--alias"));
		}
		String privateKey = arguments.get("--private-key");
		return ClientIdentityLoader.pem(this.resourceLoader, file(certificate),
				(privateKey != null) ? file(privateKey) : file(certificate),
				secret(arguments, "--private-key-password-env"));
	}

	private String source(DoctorArguments arguments) {
		return (arguments.get("--keystore") != null) ? "--keystore " + file(arguments.get("--keystore"))
				: "--certificate " + file(arguments.get("--certificate"));
	}

	private String secret(DoctorArguments arguments, String option) {
		String variable = arguments.get(option);
		if (variable == null) {
			return null;
		}
		String value = this.environment.apply(variable);
		if (value == null) {
			throw new IllegalArgumentException(
					option + " names the environment variable '" + variable + "', which is not set");
		}
		return value;
	}

	private URI apiBaseUrl(DoctorArguments arguments) {
		CheckoutMtlsProperties properties = new CheckoutMtlsProperties();
		properties.setEnvironment(environment(arguments.get("--environment")));
		String apiBaseUrl = arguments.get("--api-base-url");
		if (apiBaseUrl != null) {
			properties.setApiBaseUrl(requireHttps(URI.create(apiBaseUrl)));
		}
		return CheckoutMtlsHosts.from(properties).apiBaseUrl();
	}

	// The starter checks this when it binds its properties; the doctor has no binding.
	private static URI requireHttps(URI url) {
		if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getUserInfo() != null) {
			throw new DoctorInputException(
					"Checkout's mTLS hosts are reached over https only; this is not an"
							+ " absolute https URL without credentials",
					"checkout.mtls.api-base-url", (url.getUserInfo() != null) ? null : url.toString(),
					"Use an https URL such as https://mtls.api.sandbox.checkout.com, or leave --api-base-url out to"
							+ " use the environment's host.",
					null);
		}
		return url;
	}

	private static CheckoutEnvironment environment(String name) {
		if (name == null) {
			return CheckoutEnvironment.SANDBOX;
		}
		try {
			return CheckoutEnvironment.valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--environment must be sandbox or production, not '" + name + "'");
		}
	}

	// With --registered-roots the roots were sent to Checkout already: their file is the
	// record of what Checkout trusts, so the roots are written only when asked, and never
	// over that file (a rewrite would make the next run's check pass whatever was sent).
	private Path rootsOut(DoctorArguments arguments) {
		String rootsOut = arguments.get("--roots-out");
		String registeredRoots = arguments.get("--registered-roots");
		if (rootsOut == null) {
			return (registeredRoots != null) ? null : this.workingDirectory.resolve("checkout-roots.pem");
		}
		Path out = path(rootsOut);
		if (registeredRoots != null && sameFile(out, path(registeredRoots))) {
			throw new IllegalArgumentException("--roots-out " + rootsOut + " is the --registered-roots file: writing"
					+ " it would replace the record of the roots Checkout has; give another --roots-out");
		}
		return out;
	}

	private static boolean sameFile(Path first, Path second) {
		try {
			if (Files.exists(first) && Files.exists(second)) {
				return Files.isSameFile(first, second);
			}
		}
		catch (IOException ex) {
			// Compared by name below.
		}
		return first.toAbsolutePath().normalize().equals(second.toAbsolutePath().normalize());
	}

	private Path path(String value) {
		return (value != null) ? this.workingDirectory.resolve(value) : null;
	}

	private String file(String value) {
		return path(value).toString();
	}

	private static String label(String property) {
		String option = OPTION_OF_PROPERTY.get(property);
		return (option != null) ? option + " (" + property + ")" : property;
	}

}

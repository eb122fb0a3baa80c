package io.github.checkoutmtls.sample;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small payments gateway that calls Checkout.com over mutual TLS through {@code checkoutWebClient}.
 * Without a profile it runs against the embedded Checkout simulator; the {@code sandbox} profile takes
 * real settings from environment variables. {@code doctor} as the first argument runs the
 * {@link DoctorCommand} instead.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Runs the gateway or, when the first argument is {@code doctor}, only the doctor command: no web
	 * server, no simulator, no application context.
	 * @param args the program arguments
	 */
	public static void main(String[] args) {
		if (args.length > 0 && DoctorCommand.NAME.equals(args[0])) {
			System.exit(DoctorCommand.forConsole().run(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(SampleApplication.class, args);
	}

}

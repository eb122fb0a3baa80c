package io.github.checkoutmtls.actuate;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import io.github.checkoutmtls.connector.CheckoutMtlsConnector;
import io.github.checkoutmtls.doctor.Doctor;

/**
 * The {@code checkoutmtls} actuator endpoint: the doctor's report on the identity the
 * client presents now (chain, checks, CN and roots to register), without a live handshake
 * and without key material.
 */
@Endpoint(id = "checkoutmtls")
class CheckoutMtlsEndpoint {

	private final CheckoutMtlsConnector connector;

	private final Doctor doctor;

	/**
	 * Creates the endpoint.
	 * @param connector the connector whose current identity is reported
	 * @param doctor builds the report
	 */
	CheckoutMtlsEndpoint(CheckoutMtlsConnector connector, Doctor doctor) {
		this.connector = connector;
		this.doctor = doctor;
	}

	/**
	 * Reports on the current identity.
	 * @return the report
	 */
	@ReadOperation
	public DoctorReportDescriptor report() {
		return DoctorReportDescriptor.of(this.doctor.examine(this.connector.identity()));
	}

}

package io.github.checkoutmtls;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Every startup problem a user can fix in the {@code checkout.mtls.*} configuration or in
 * the key material it points at: thrown at startup, passed to
 * {@link io.github.checkoutmtls.reload.IdentityReloadListener#reloadFailed} when a reload
 * fails, and by the starter's loaders and checks when called directly. Each instance
 * names the property to change ({@link #getProperty()}), quotes its value (never a
 * secret, {@link #getValue()}), says what is wrong ({@link #getProblem()}) and what to do
 * ({@link #getAction()}). Catch this type: the starter's subtypes, one per problem, are
 * internal.
 *
 * @see io.github.checkoutmtls.diagnostics.CheckoutMtlsConfigurationFailureAnalyzer
 */
public abstract class CheckoutMtlsConfigurationException extends RuntimeException {

	private final String problem;

	private final String property;

	private final @Nullable String value;

	private final String action;

	/**
	 * Creates a new instance.
	 * @param problem what is wrong, in one sentence
	 * @param property the property to change
	 * @param value the property's value, or {@code null} when it is unset or a secret
	 * @param action what to do about it
	 * @param cause the underlying cause, or {@code null}
	 */
	protected CheckoutMtlsConfigurationException(String problem, String property, @Nullable String value, String action,
			@Nullable Throwable cause) {
		super(message(problem, property, value), cause);
		Assert.hasText(problem, "'problem' must not be empty");
		Assert.hasText(property, "'property' must not be empty");
		Assert.hasText(action, "'action' must not be empty");
		this.problem = problem;
		this.property = property;
		this.value = value;
		this.action = action;
	}

	private static String message(String problem, String property, @Nullable String value) {
		return (value != null) ? problem + " [" + property + "=" + value + "]" : problem + " [" + property + "]";
	}

	/**
	 * Returns what is wrong, in one sentence.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * Returns the property to change.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns the property's value, or {@code null} when it is unset or a secret.
	 * @return the value
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Returns what to do to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}

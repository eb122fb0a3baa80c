package io.github.checkoutmtls.autoconfigure;

import io.github.checkoutmtls.CheckoutMtlsConfigurationException;

/**
 * Thrown when a duration is positive but outside what the component using it can honour: too fine for
 * its millisecond resolution, too large for its integer field, or so short that it defeats its purpose.
 */
public class SettingOutOfRangeException extends CheckoutMtlsConfigurationException {

	/**
	 * Creates a new instance.
	 * @param property the property to change
	 * @param value the property's value
	 * @param why what goes wrong with such a value, in one clause
	 * @param range the values the property accepts, e.g. {@code 1ms or more}
	 */
	public SettingOutOfRangeException(String property, String value, String why, String range) {
		super("'" + property + "' is " + value + ", which " + why, property, value,
				"Set " + property + " to " + range + ", or remove it to use the default.", null);
	}

}

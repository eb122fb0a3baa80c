package io.github.checkoutmtls.test.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The calls into Spring's JUnit support, in a class of their own so that nothing loads
 * Spring's types when they are not on the class path.
 */
final class SpringContextAccess {

	private static final SpringExtension SPRING_EXTENSION = new SpringExtension();

	private SpringContextAccess() {
	}

	static boolean resolves(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return SPRING_EXTENSION.supportsParameter(parameterContext, extensionContext);
	}

	static <T> T bean(ExtensionContext context, Class<T> type) {
		return SpringExtension.getApplicationContext(context).getBean(type);
	}

}

package io.github.checkoutmtls.test.junit;

import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link CheckoutMtlsSimulatorExtension} needs from Spring's JUnit support, which is
 * optional: every method checks that it is there before touching a Spring type, through
 * {@link SpringContextAccess}.
 */
final class SpringTests {

	private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

	private static final boolean SPRING_PRESENT = isPresent(SPRING_EXTENSION);

	private SpringTests() {
	}

	/**
	 * Returns whether the test class, or a class enclosing it, runs with Spring's
	 * extension, as {@code @SpringBootTest} and {@code @SpringJUnitConfig} make it.
	 * @param context the extension context
	 * @return whether the test has a Spring application context
	 */
	static boolean isSpringTest(ExtensionContext context) {
		if (!SPRING_PRESENT) {
			return false;
		}
		for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
			List<ExtendWith> extensions = AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class);
			if (extensions.stream()
				.flatMap((extendWith) -> List.of(extendWith.value()).stream())
				.anyMatch((extension) -> extension.getName().equals(SPRING_EXTENSION))) {
				return true;
			}
		}
		return false;
	}

	static boolean springResolves(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return SpringContextAccess.resolves(parameterContext, extensionContext);
	}

	static <T> T bean(ExtensionContext context, Class<T> type) {
		return SpringContextAccess.bean(context, type);
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, SpringTests.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}

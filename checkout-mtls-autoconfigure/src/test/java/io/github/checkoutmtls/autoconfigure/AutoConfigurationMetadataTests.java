package io.github.checkoutmtls.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.annotation.ImportCandidates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata Spring Boot reads instead of the auto-configurations' bytecode, written by
 * its annotation processor: present for every auto-configuration the module registers,
 * and saying what their annotations say.
 */
class AutoConfigurationMetadataTests {

	private static final String PREFIX = "io.github.checkoutmtls.";

	@Test
	void everyRegisteredAutoConfigurationHasMetadataThatMatchesItsAnnotations() throws Exception {
		Properties metadata = ownMetadata();
		List<String> registered = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith(PREFIX))
			.toList();
		assertThat(registered).hasSize(6);
		for (String name : registered) {
			Class<?> type = Class.forName(name);
			assertThat(metadata).as(name).containsKey(name);
			AutoConfiguration autoConfiguration = type.getAnnotation(AutoConfiguration.class);
			Set<String> after = new TreeSet<>(Arrays.asList(autoConfiguration.afterName()));
			Arrays.stream(autoConfiguration.after()).map(Class::getName).forEach(after::add);
			assertThat(names(metadata.getProperty(name + ".AutoConfigureAfter"))).as(name + " after").isEqualTo(after);
			ConditionalOnClass onClass = type.getAnnotation(ConditionalOnClass.class);
			if (onClass != null) {
				Set<String> classes = new TreeSet<>(Arrays.asList(onClass.name()));
				Arrays.stream(onClass.value()).map(Class::getName).forEach(classes::add);
				assertThat(names(metadata.getProperty(name + ".ConditionalOnClass"))).as(name + " classes")
					.isEqualTo(classes);
			}
		}
	}

	// The metadata file of this module (every module with auto-configurations has one)
	private Properties ownMetadata() throws IOException {
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-autoconfigure-metadata.properties"))) {
			Properties properties = new Properties();
			try (InputStream in = url.openStream()) {
				properties.load(in);
			}
			if (properties.stringPropertyNames().stream().anyMatch((key) -> key.startsWith(PREFIX))) {
				return properties;
			}
		}
		throw new AssertionError("No spring-autoconfigure-metadata.properties lists " + PREFIX + "*");
	}

	private static Set<String> names(String value) {
		if (value == null || value.isBlank()) {
			return Set.of();
		}
		return Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
	}

}

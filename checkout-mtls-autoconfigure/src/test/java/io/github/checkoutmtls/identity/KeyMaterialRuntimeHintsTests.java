package io.github.checkoutmtls.identity;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyMaterialRuntimeHints}.
 */
class KeyMaterialRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registrarIsListedInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(KeyMaterialRuntimeHints.class);
	}

	@Test
	void hintsCoverTheBouncyCastleClassesThatDecryptPemKeys() {
		new KeyMaterialRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		for (String type : new String[] { "org.bouncycastle.jcajce.provider.symmetric.AES$Mappings",
				"org.bouncycastle.jcajce.provider.symmetric.DESede$Mappings",
				"org.bouncycastle.jcajce.provider.symmetric.PBEPBKDF2$Mappings" }) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(type))
				.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).as(type).accepts(this.hints);
		}
		String aesCipher = PemPrivateKeyDecoder.BouncyCastle.PROVIDER.getService("Cipher", "AES").getClassName();
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(aesCipher))).accepts(this.hints);
	}

}

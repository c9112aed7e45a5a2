package io.panicboard.incident;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import io.panicboard.analysis.Kind;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

class KindGuideTests {

	@Test
	void everyKindHasANameAnExplanationAndAFixRecipe() throws IOException {
		Properties messages = messages();
		for (Kind kind : Kind.values()) {
			for (String part : new String[] { "name", "explain", "fix" }) {
				assertThat(messages.getProperty("kind." + kind.id() + "." + part)).as("kind.%s.%s", kind.id(), part)
					.isNotBlank();
			}
		}
	}

	@Test
	void everyKindOfTheMemorySafetyFamilyHasAGoExample() throws IOException {
		Properties messages = messages();
		for (Kind kind : Kind.values()) {
			if (kind.family().memorySafety()) {
				assertThat(messages.getProperty("kind." + kind.id() + ".code")).as(kind.id()).contains("\n");
			}
		}
	}

	@Test
	void statesTheGoFactsThatMatter() throws IOException {
		Properties m = messages();
		assertThat(m.getProperty("kind.nil_map_write.explain")).contains("Reading a nil map is fine")
			.contains("delete on a nil map does nothing");
		assertThat(m.getProperty("kind.nil_map_write.fix")).contains("clear(m) (Go 1.21+)");
		assertThat(m.getProperty("kind.concurrent_map_writes.explain")).contains("not a panic")
			.contains("recover() cannot catch it");
		assertThat(m.getProperty("kind.concurrent_map_iteration_write.fix")).contains("maps.Clone (Go 1.21+)");
		assertThat(m.getProperty("kind.out_of_memory.fix")).contains("GOMEMLIMIT (Go 1.19+)");
		assertThat(m.getProperty("kind.nil_pointer_dereference.fix"))
			.contains("Check the error before using the value");
		assertThat(m.getProperty("kind.mapOptions.syncmap")).contains("append-only").contains("disjoint sets of keys");
		assertThat(m.getProperty("kind.mapOptions.rwmutex")).contains("read-mostly");
		assertThat(m.getProperty("kind.mapOptions.owner")).contains("channels");
	}

	@Test
	void describesKindsForPagesAndTreatsUnknownKindsAsOther() {
		StaticMessageSource source = new StaticMessageSource();
		source.addMessage("kind.nil_map_write.code", Locale.ROOT, "m := make(map[string]int)");
		KindGuide guide = new KindGuide(source);
		KindView nilMap = guide.of("nil_map_write");
		assertThat(nilMap.memorySafety()).isTrue();
		assertThat(nilMap.concurrentMap()).isFalse();
		assertThat(nilMap.codeKey()).isEqualTo("kind.nil_map_write.code");
		assertThat(nilMap.severity()).isEqualTo("critical");
		assertThat(guide.of(Kind.CONCURRENT_MAP_CLONE_WRITE).concurrentMap()).isTrue();
		assertThat(guide.of(Kind.DEADLOCK).memorySafety()).isFalse();
		assertThat(guide.of(Kind.DEADLOCK).codeKey()).isNull();
		assertThat(guide.of("from_a_newer_version").id()).isEqualTo("other");
	}

	private static Properties messages() throws IOException {
		Properties messages = new Properties();
		try (InputStreamReader in = new InputStreamReader(
				Files.newInputStream(Path.of("src/main/resources/messages/messages.properties")),
				StandardCharsets.UTF_8)) {
			messages.load(in);
		}
		return messages;
	}

}

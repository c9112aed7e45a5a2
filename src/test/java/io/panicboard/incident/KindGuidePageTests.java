package io.panicboard.incident;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.analysis.Kind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class KindGuidePageTests {

	private static final RequestPostProcessor VIEWER = user("vera").roles("VIEWER");

	@Autowired
	private MockMvcTester mvc;

	@Test
	void explainsAKindAndHowToFixItInGo() {
		assertThat(this.mvc.get().uri("/kinds/nil_map_write").with(VIEWER)).hasStatusOk()
			.bodyText()
			.contains("<title>Write to a nil map · panicboard</title>", "<h1>Write to a nil map</h1>",
					"Reading a nil map is fine", "clear(m) (Go 1.21+)", "<pre class=\"go\" tabindex=\"0\"><code>",
					"href=\"/incidents?kind=nil_map_write\"", "href=\"/kinds\"")
			.doesNotContain("Choosing the protection for a shared map");
	}

	@Test
	void showsTheMapProtectionChoicesForConcurrentMapFaultsAndMapRelatedRaces() {
		assertThat(this.mvc.get().uri("/kinds/concurrent_map_writes").with(VIEWER)).hasStatusOk()
			.bodyText()
			.contains("Concurrent map writes", "recover() cannot catch it", "Choosing the protection for a shared map");
		assertThat(this.mvc.get().uri("/kinds/data_race").with(VIEWER)).hasStatusOk()
			.bodyText()
			.doesNotContain("Choosing the protection for a shared map");
		assertThat(this.mvc.get().uri("/kinds/data_race?mapRelated=true").with(VIEWER)).hasStatusOk()
			.bodyText()
			.contains("Choosing the protection for a shared map");
	}

	@Test
	void listsEveryKindWithALinkToItsPage() {
		assertThat(this.mvc.get().uri("/kinds").with(VIEWER)).hasStatusOk().bodyText().satisfies((html) -> {
			for (Kind kind : Kind.values()) {
				assertThat(html).contains("href=\"/kinds/" + kind.id() + "\"");
			}
		}).contains("Write to a nil map", "Out of memory", "memory safety");
	}

	@Test
	void answersAnUnknownKindWithTheNotFoundPage() {
		assertThat(this.mvc.get().uri("/kinds/no_such_kind").with(VIEWER)).hasStatus(404)
			.bodyText()
			.contains("Not found");
		assertThat(this.mvc.get().uri("/kinds/NIL_MAP_WRITE").with(VIEWER)).hasStatus(404);
	}

	@Test
	void sendsVisitorsWhoAreNotSignedInToSignIn() {
		assertThat(this.mvc.get().uri("/kinds/nil_map_write")).hasStatus3xxRedirection();
		assertThat(this.mvc.get().uri("/kinds")).hasStatus3xxRedirection();
	}

}

package io.panicboard.incident;

import java.util.List;
import java.util.UUID;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.incident.ServiceAdminController.Notice;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class ServiceAdminTests {

	private static final String TEMPLATE = "https://github.com/acme/orders/blob/{version}/{path}#L{line}";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ServiceCatalog catalog;

	@Test
	void listsServicesWithTheirSettings() {
		String name = unique("listed");
		this.catalog.register(name);
		save(name, "payments <core>", TEMPLATE, "example.com/acme/orders");
		assertThat(this.mvc.get().uri("/admin/services").with(admin())).hasStatusOk()
			.bodyText()
			.contains(name, "payments &lt;core&gt;", "example.com/acme/orders",
					"https://github.com/acme/orders/blob/{version}/{path}#L{line}",
					"href=\"/admin/services/" + name + "\"");
	}

	@Test
	void anEditChangesWhatTheCatalogReturnsAtOnce() {
		String name = unique("edited");
		this.catalog.register(name);
		// cached now: the edit must not leave this copy in place
		assertThat(this.catalog.find(name).orElseThrow().team()).isNull();

		MvcTestResult saved = save(name, " checkout ", TEMPLATE,
				"example.com/acme/orders\n\n  example.com/acme/shared  \r\nexample.com/acme/orders\n");
		assertThat(saved).hasRedirectedUrl("/admin/services");
		assertThat(saved.getMvcResult().getFlashMap().get("notice"))
			.isEqualTo(new Notice("success", "Saved the service “" + name + "”."));

		assertThat(this.catalog.find(name)).contains(new ServiceInfo(name, "checkout", TEMPLATE,
				List.of("example.com/acme/orders", "example.com/acme/shared")));
	}

	@Test
	void emptyFieldsClearTheSettings() {
		String name = unique("cleared");
		this.catalog.register(name);
		save(name, "team", TEMPLATE, "example.com/x");
		assertThat(save(name, "", "  ", "")).hasRedirectedUrl("/admin/services");
		assertThat(this.catalog.find(name)).contains(new ServiceInfo(name, null, null, List.of()));
	}

	@Test
	void theFormShowsTheCurrentSettingsAndDocumentsThePlaceholders() {
		String name = unique("form");
		this.catalog.register(name);
		save(name, "search", "https://git.example.com/shop/blob/{version}/{file}#L{line}",
				"example.com/a\nexample.com/b");
		assertThat(this.mvc.get().uri("/admin/services/" + name).with(admin())).hasStatusOk()
			.bodyText()
			.contains("value=\"search\"", "value=\"https://git.example.com/shop/blob/{version}/{file}#L{line}\"",
					"example.com/a\nexample.com/b</textarea>")
			.contains("<code>{version}</code>", "<code>{path}</code>", "<code>{file}</code>", "<code>{line}</code>");
	}

	@Test
	void refusesAnUnknownPlaceholderAndKeepsTheEnteredValues() {
		String name = unique("placeholder");
		this.catalog.register(name);
		assertThat(save(name, "orders team", "https://github.com/acme/orders/blob/{commit}/{path}#L{line}",
				"example.com/x"))
			.hasStatusOk()
			.hasViewName("incident/admin-service-edit")
			.bodyText()
			.contains("Unknown placeholder {commit}: the placeholders are {version}, {path}, {file}, {line}.")
			.contains("value=\"orders team\"");
		assertThat(this.catalog.find(name).orElseThrow().team()).isNull();
	}

	@Test
	void refusesATemplateThatIsNotAnHttpUrl() {
		String name = unique("url");
		this.catalog.register(name);
		for (String template : new String[] { "ftp://example.com/{path}", "github.com/acme/{path}", "https:///{path}",
				"javascript:alert(1)//{line}" }) {
			assertThat(save(name, "", template, "")).hasStatusOk()
				.bodyText()
				.contains("The template must be an http or https URL with a host");
		}
		assertThat(save(name, "", "https://example.com/{path}}", "")).hasStatusOk()
			.bodyText()
			.contains("A brace that is not part of a placeholder");
		assertThat(this.catalog.find(name).orElseThrow().sourceLinkTemplate()).isNull();
	}

	@Test
	void refusesSomethingThatIsNotAnImportPathPrefix() {
		String name = unique("prefix");
		this.catalog.register(name);
		assertThat(save(name, "", "", "example.com/ok\nnot a prefix")).hasStatusOk()
			.bodyText()
			.contains("Not an import path prefix: not a prefix");
		assertThat(this.catalog.find(name).orElseThrow().inAppPrefixes()).isEmpty();
	}

	@Test
	void anUnknownServiceIsNotFound() {
		assertThat(this.mvc.get().uri("/admin/services/no-such-service").with(admin())).hasStatus(404);
		assertThat(save("no-such-service", "", "", "")).hasStatus(404);
	}

	private MvcTestResult save(String name, String team, String template, String prefixes) {
		return this.mvc.post()
			.uri("/admin/services/" + name)
			.param("team", team)
			.param("sourceLinkTemplate", template)
			.param("inAppPrefixes", prefixes)
			.with(admin())
			.with(csrf())
			.exchange();
	}

	private static RequestPostProcessor admin() {
		return user("service-admin").roles("ADMIN");
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}

package io.panicboard.security;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.incident.ServiceCatalog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class TokenAdminTests {

	private static final Pattern SECRET = Pattern.compile("pbt_[A-Za-z0-9_-]{43}");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ServiceCatalog services;

	@Test
	void showsTheSecretOnceAndStoresOnlyItsDigest() {
		String name = unique("grafana");
		MvcTestResult created = create(name, "read", "");
		assertThat(created).hasStatusOk().hasViewName("security/admin-token-created");
		assertThat(created).headers().hasValue("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		String secret = secretIn(created);
		String random = secret.substring("pbt_".length());

		assertThat(this.jdbc.sql("SELECT secret_hash FROM api_token WHERE name = ?")
			.param(name)
			.query(String.class)
			.single()).isEqualTo(TokenSecrets.hash(secret));
		assertThat(this.jdbc.sql("SELECT t::text FROM api_token t WHERE name = ?")
			.param(name)
			.query(String.class)
			.single()).doesNotContain(random);

		assertThat(this.mvc.get().uri("/admin/tokens").with(admin())).hasStatusOk()
			.bodyText()
			.contains(name, "pbt_" + random.substring(0, 8) + "…", "user token-admin")
			.doesNotContain(random);
	}

	@Test
	void recordsTheSignedInAdminAsCreator() {
		String name = unique("creator");
		create(name, "read", "");
		assertThat(this.jdbc.sql("SELECT created_by FROM api_token WHERE name = ?")
			.param(name)
			.query(String.class)
			.single()).isEqualTo("user token-admin");
	}

	@Test
	void aCreatedTokenAuthenticatesTheApiUntilRevoked() {
		String name = unique("automation");
		String secret = secretIn(create(name, "admin", ""));
		assertThat(this.mvc.get().uri("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.hasStatusOk();

		long id = this.jdbc.sql("SELECT id FROM api_token WHERE name = ?").param(name).query(Long.class).single();
		MvcTestResult revoked = this.mvc.post()
			.uri("/admin/tokens/" + id + "/revoke")
			.with(admin())
			.with(csrf())
			.exchange();
		assertThat(revoked).hasRedirectedUrl("/admin/tokens");
		assertThat(((Notice) revoked.getMvcResult().getFlashMap().get("notice")).kind()).isEqualTo("success");

		assertThat(this.mvc.get().uri("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.hasStatus(401);
		assertThat(this.mvc.get().uri("/admin/tokens").with(admin())).bodyText().contains("revoked 20");
	}

	@Test
	void aOneServiceIngestTokenRegistersItsService() {
		String service = unique("svc");
		assertThat(this.services.find(service)).isEmpty();
		create(unique("ingest"), "ingest", service);
		assertThat(this.services.find(service)).isPresent();
		assertThat(this.jdbc.sql("SELECT service FROM api_token WHERE created_by = 'user token-admin' AND service = ?")
			.param(service)
			.query(String.class)
			.list()).hasSize(1);
	}

	@Test
	void refusesAnInvalidFormAndCreatesNothing() {
		long before = count();
		assertThat(create(" ", "owner", "Not A Service")).hasStatusOk()
			.hasViewName("security/admin-tokens")
			.bodyText()
			.contains("A name is required", "Choose ingest, read or admin.", "A service name has 1 to 63 characters");
		assertThat(create(unique("reader"), "read", "orders")).hasStatusOk()
			.bodyText()
			.contains("Only an ingest token can be limited to one service.")
			.doesNotContainPattern(SECRET);
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void revokingAnUnknownTokenSaysSo() {
		MvcTestResult result = this.mvc.post()
			.uri("/admin/tokens/999999999/revoke")
			.with(admin())
			.with(csrf())
			.exchange();
		assertThat(result).hasRedirectedUrl("/admin/tokens");
		assertThat(result.getMvcResult().getFlashMap().get("notice"))
			.isEqualTo(new Notice("error", "There is no token 999999999."));
	}

	private MvcTestResult create(String name, String scope, String service) {
		return this.mvc.post()
			.uri("/admin/tokens")
			.param("name", name)
			.param("scope", scope)
			.param("service", service)
			.with(admin())
			.with(csrf())
			.exchange();
	}

	private long count() {
		return this.jdbc.sql("SELECT count(*) FROM api_token").query(Long.class).single();
	}

	private static String secretIn(MvcTestResult result) {
		Matcher matcher = SECRET
			.matcher(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
		assertThat(matcher.find()).as("a secret in the page").isTrue();
		String secret = matcher.group();
		assertThat(matcher.find()).as("the secret only once").isFalse();
		return secret;
	}

	private static RequestPostProcessor admin() {
		return user("token-admin").roles("ADMIN");
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}

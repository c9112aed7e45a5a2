package io.panicboard.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabaseConfiguration.class)
class UserAdminTests {

	private static final String PASSWORD = "a long enough password";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	/** Admins a test disabled to make another one the last; enabled again afterwards. */
	private final List<Long> disabledAdmins = new ArrayList<>();

	@AfterEach
	void enableAdminsAgain() {
		for (long id : this.disabledAdmins) {
			this.jdbc.sql("UPDATE app_user SET enabled = true WHERE id = ?").param(id).update();
		}
	}

	@Test
	void listsUsersWithRoleStatusLastSignInAndLock() {
		String name = unique("listed");
		long id = create(name, "responder");
		this.jdbc.sql("UPDATE app_user SET locked_until = ?, failed_logins = 5, last_login_at = ? WHERE id = ?")
			.params(Timestamp.from(Instant.parse("2999-01-02T03:04:00Z")),
					Timestamp.from(Instant.parse("2026-11-21T20:30:00Z")), id)
			.update();
		assertThat(this.mvc.get().uri("/admin/users").with(admin())).hasStatusOk()
			.bodyText()
			.contains(name, "responder", "2999-01-02 03:04 UTC", "2026-11-21 20:30 UTC", "Unlock")
			.contains("href=\"/admin/services\"", "href=\"/admin/tokens\"")
			.doesNotContain("<script");
	}

	@Test
	void createsAUserWithABcryptPasswordWhoCanSignIn() {
		String name = unique("new");
		MvcTestResult result = this.mvc.post()
			.uri("/admin/users")
			.param("username", name)
			.param("role", "viewer")
			.param("password", PASSWORD)
			.with(admin())
			.with(csrf())
			.exchange();
		assertThat(result).hasRedirectedUrl("/admin/users");
		assertThat(notice(result)).isEqualTo(new Notice("success", "Created the user “" + name + "”."));
		assertThat(column(name, "password_hash")).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
		assertThat(column(name, "role")).isEqualTo("viewer");
		assertThat(this.mvc.perform(formLogin().user(name).password(PASSWORD))).hasRedirectedUrl("/");
	}

	@Test
	void refusesADuplicateUserNameIgnoringCaseWithAFormError() {
		String name = unique("Dup");
		create(name, "viewer");
		assertThat(this.mvc.post()
			.uri("/admin/users")
			.param("username", name.toLowerCase())
			.param("role", "admin")
			.param("password", PASSWORD)
			.with(admin())
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("There is already a user “" + name.toLowerCase() + "” (user names ignore case).")
			.contains("value=\"" + name.toLowerCase() + "\"");
		assertThat(this.jdbc.sql("SELECT count(*) FROM app_user WHERE lower(username) = lower(?)")
			.param(name)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void refusesAShortPasswordABadNameAndAnUnknownRoleTogether() {
		assertThat(this.mvc.post()
			.uri("/admin/users")
			.param("username", "has space")
			.param("role", "owner")
			.param("password", "short")
			.with(admin())
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("A user name has 1 to 64 letters", "Choose viewer, responder or admin.",
					"A password has at least 12 characters.")
			.doesNotContain("value=\"short\"");
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM app_user WHERE username = 'has space'").query(Long.class).single())
			.isZero();
	}

	@Test
	void refusesAPasswordThatBcryptWouldCutShort() {
		String name = unique("long");
		assertThat(this.mvc.post()
			.uri("/admin/users")
			.param("username", name)
			.param("role", "viewer")
			.param("password", "x".repeat(73))
			.with(admin())
			.with(csrf())).hasStatusOk().bodyText().contains("A password has at most 72 bytes");
	}

	@Test
	void changesTheRoleOfAUser() {
		String name = unique("promoted");
		long id = create(name, "viewer");
		MvcTestResult result = post("/admin/users/" + id + "/role", "role", "responder");
		assertThat(result).hasRedirectedUrl("/admin/users");
		assertThat(notice(result).kind()).isEqualTo("success");
		assertThat(column(name, "role")).isEqualTo("responder");
	}

	@Test
	void disablesAUserWhoThenCannotSignInAndEnablesThemAgain() {
		String name = unique("disabled");
		long id = create(name, "viewer");
		assertThat(notice(post("/admin/users/" + id + "/enabled", "enabled", "false")).text())
			.startsWith("Disabled the user.");
		assertThat(this.mvc.perform(formLogin().user(name).password(PASSWORD))).hasRedirectedUrl("/login?error");

		assertThat(notice(post("/admin/users/" + id + "/enabled", "enabled", "true")).text())
			.isEqualTo("Enabled the user.");
		assertThat(this.mvc.perform(formLogin().user(name).password(PASSWORD))).hasRedirectedUrl("/");
	}

	@Test
	void resetsAPassword() {
		String name = unique("reset");
		long id = create(name, "viewer");
		String newPassword = "another long password";
		assertThat(notice(post("/admin/users/" + id + "/password", "password", newPassword)).kind())
			.isEqualTo("success");
		assertThat(this.mvc.perform(formLogin().user(name).password(PASSWORD))).hasRedirectedUrl("/login?error");
		assertThat(this.mvc.perform(formLogin().user(name).password(newPassword))).hasRedirectedUrl("/");
	}

	@Test
	void refusesAShortPasswordOnReset() {
		String name = unique("shortreset");
		long id = create(name, "viewer");
		String before = column(name, "password_hash");
		assertThat(notice(post("/admin/users/" + id + "/password", "password", "too short")))
			.isEqualTo(new Notice("error", "A password has at least 12 characters."));
		assertThat(column(name, "password_hash")).isEqualTo(before);
	}

	@Test
	void unlocksALockedUser() {
		String name = unique("locked");
		long id = create(name, "viewer");
		this.jdbc.sql("UPDATE app_user SET locked_until = ?, failed_logins = 5 WHERE id = ?")
			.params(Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS)), id)
			.update();
		assertThat(this.mvc.perform(formLogin().user(name).password(PASSWORD))).hasRedirectedUrl("/login?error");

		assertThat(notice(post("/admin/users/" + id + "/unlock")).kind()).isEqualTo("success");
		assertThat(column(name, "failed_logins")).isEqualTo("0");
		assertThat(column(name, "locked_until")).isNull();
		assertThat(this.mvc.perform(formLogin().user(name).password(PASSWORD))).hasRedirectedUrl("/");
	}

	@Test
	void anAdminCannotDemoteOrDisableThemself() {
		String self = unique("self");
		long id = create(self, "admin");
		create(unique("other-admin"), "admin");
		assertThat(notice(postAs(self, "/admin/users/" + id + "/role", "role", "responder")))
			.isEqualTo(new Notice("error", "You cannot demote or disable yourself. Ask another admin."));
		assertThat(notice(postAs(self, "/admin/users/" + id + "/enabled", "enabled", "false")).kind())
			.isEqualTo("error");
		assertThat(column(self, "role")).isEqualTo("admin");
		assertThat(column(self, "enabled")).isEqualTo("true");

		assertThat(notice(postAs(self, "/admin/users/" + id + "/password", "password", "my own new password")).kind())
			.isEqualTo("success");
	}

	@Test
	void theLastEnabledAdminCanNeitherBeDemotedNorDisabled() {
		String last = unique("last");
		long id = create(last, "admin");
		this.disabledAdmins.addAll(this.jdbc
			.sql("UPDATE app_user SET enabled = false WHERE role = 'admin' AND enabled AND id <> ? RETURNING id")
			.param(id)
			.query(Long.class)
			.list());

		assertThat(notice(post("/admin/users/" + id + "/role", "role", "viewer")))
			.isEqualTo(new Notice("error", "This is the last enabled admin: make another user admin first."));
		assertThat(notice(post("/admin/users/" + id + "/enabled", "enabled", "false")).kind()).isEqualTo("error");
		assertThat(column(last, "role")).isEqualTo("admin");
		assertThat(column(last, "enabled")).isEqualTo("true");

		long second = create(unique("second"), "viewer");
		post("/admin/users/" + second + "/role", "role", "admin");
		assertThat(notice(post("/admin/users/" + id + "/role", "role", "viewer")).kind()).isEqualTo("success");
		assertThat(column(last, "role")).isEqualTo("viewer");
	}

	@Test
	void aDisabledAdminDoesNotCountAsAnotherAdmin() {
		String last = unique("only");
		long id = create(last, "admin");
		this.disabledAdmins.addAll(this.jdbc
			.sql("UPDATE app_user SET enabled = false WHERE role = 'admin' AND enabled AND id <> ? RETURNING id")
			.param(id)
			.query(Long.class)
			.list());
		long disabled = create(unique("disabled-admin"), "admin");
		this.jdbc.sql("UPDATE app_user SET enabled = false WHERE id = ?").param(disabled).update();

		assertThat(notice(post("/admin/users/" + id + "/enabled", "enabled", "false")).kind()).isEqualTo("error");
		assertThat(notice(post("/admin/users/" + disabled + "/role", "role", "viewer")).kind()).isEqualTo("success");
	}

	@Test
	void anUnknownUserIsReportedNotFound() {
		assertThat(notice(post("/admin/users/999999999/unlock")))
			.isEqualTo(new Notice("error", "There is no such user."));
	}

	@Test
	void aDemotedAdminIsSignedOutAtTheNextPage() {
		String name = unique("demoted");
		long id = create(name, "admin");
		MockHttpSession session = signIn(name);
		assertThat(this.mvc.get().uri("/admin/users").session(session)).hasStatusOk();

		post("/admin/users/" + id + "/role", "role", "viewer");
		assertThat(this.mvc.get().uri("/admin/users").session(session)).hasRedirectedUrl("/login?changed");
		assertThat(session.isInvalid()).isTrue();
		assertThat(this.mvc.get().uri("/login?changed")).bodyText().contains("An admin changed your account");
	}

	@Test
	void aDisabledUserIsSignedOutAtTheNextPage() {
		String name = unique("ended");
		long id = create(name, "admin");
		MockHttpSession session = signIn(name);
		assertThat(this.mvc.get().uri("/admin/tokens").session(session)).hasStatusOk();

		post("/admin/users/" + id + "/enabled", "enabled", "false");
		assertThat(this.mvc.post().uri("/admin/tokens").session(session).with(csrf()).param("name", "x"))
			.hasRedirectedUrl("/login?changed");
		assertThat(this.jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'x' AND created_by = ?")
			.param("user " + name)
			.query(Long.class)
			.single()).isZero();
	}

	private MockHttpSession signIn(String name) {
		MvcTestResult signedIn = this.mvc.perform(formLogin().user(name).password(PASSWORD));
		assertThat(signedIn).hasRedirectedUrl("/");
		return (MockHttpSession) signedIn.getRequest().getSession(false);
	}

	private long create(String name, String role) {
		assertThat(this.mvc.post()
			.uri("/admin/users")
			.param("username", name)
			.param("role", role)
			.param("password", PASSWORD)
			.with(admin())
			.with(csrf())).hasRedirectedUrl("/admin/users");
		return Long.parseLong(column(name, "id"));
	}

	private MvcTestResult post(String uri, String... params) {
		return postAs("test-admin", uri, params);
	}

	private MvcTestResult postAs(String actor, String uri, String... params) {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.post()
			.uri(uri)
			.with(user(actor).roles("ADMIN"))
			.with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasRedirectedUrl("/admin/users");
		return result;
	}

	private String column(String username, String column) {
		List<String> values = this.jdbc.sql("SELECT " + column + "::text FROM app_user WHERE username = ?")
			.param(username)
			.query(String.class)
			.list();
		assertThat(values).hasSize(1);
		return values.get(0);
	}

	private static Notice notice(MvcTestResult result) {
		return (Notice) result.getMvcResult().getFlashMap().get("notice");
	}

	private static RequestPostProcessor admin() {
		return user("test-admin").roles("ADMIN");
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}

package io.panicboard;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Real dashboard users for tests that sign in through the form: written to
 * {@code app_user} (or reset there, unlocked and enabled, when a test class of the same
 * JVM wrote them before).
 */
public final class TestUsers {

	private TestUsers() {
	}

	/**
	 * Makes sure a user exists with this role and password.
	 * @param jdbc the test database
	 * @param encoder the application's password encoder
	 * @param username the user name
	 * @param role {@code viewer}, {@code responder} or {@code admin}
	 * @param password the password
	 */
	public static void ensure(JdbcClient jdbc, PasswordEncoder encoder, String username, String role, String password) {
		jdbc.sql("""
				INSERT INTO app_user (username, password_hash, role) VALUES (:username, :hash, :role)
				ON CONFLICT (lower(username)) DO UPDATE SET password_hash = excluded.password_hash,
				    role = excluded.role, enabled = true, failed_logins = 0, locked_until = NULL
				""").param("username", username).param("hash", encoder.encode(password)).param("role", role).update();
	}

}

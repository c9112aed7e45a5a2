package io.panicboard.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the {@code admin} user on the first start, when no user exists yet, with
 * {@code PANICBOARD_ADMIN_PASSWORD} or a generated password that is logged this once.
 * Replicas starting together on an empty database race for it: the insert gives way to a
 * row another replica wrote first (the unique user name decides), so exactly one replica
 * creates the user and logs its password, and none fails to start.
 */
@Component
class FirstAdmin implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(FirstAdmin.class);

	private static final SecureRandom random = new SecureRandom();

	private final AppUsers users;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final SecurityProperties properties;

	private final Clock clock;

	FirstAdmin(AppUsers users, JdbcClient jdbc, PasswordEncoder passwordEncoder, SecurityProperties properties,
			Clock clock) {
		this.users = users;
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.users.count() > 0) {
			return;
		}
		String configured = this.properties.adminPassword();
		boolean generated = configured == null || configured.isBlank();
		String password = generated ? generatedPassword() : configured;
		int created = this.jdbc.sql("""
				INSERT INTO app_user (username, password_hash, role, created_at) VALUES ('admin', ?, ?, ?)
				ON CONFLICT (lower(username)) DO NOTHING""")
			.params(this.passwordEncoder.encode(password), Role.ADMIN.id(), Timestamp.from(this.clock.instant()))
			.update();
		if (created == 0) {
			return;
		}
		if (generated) {
			logger.warn("Created the first user 'admin' with the generated password " + password
					+ " (shown only this once; set PANICBOARD_ADMIN_PASSWORD to choose it)");
		}
		else {
			logger.info("Created the first user 'admin' with the password from PANICBOARD_ADMIN_PASSWORD");
		}
	}

	private static String generatedPassword() {
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}

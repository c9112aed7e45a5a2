package io.panicboard.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who signs in to the dashboard.
 */
@Entity
@Table(name = "app_user")
class AppUser {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String username;

	@Column(name = "password_hash")
	private String passwordHash;

	private String role;

	private boolean enabled = true;

	@Column(name = "failed_logins")
	private int failedLogins;

	@Column(name = "locked_until")
	private Instant lockedUntil;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "last_login_at")
	private Instant lastLoginAt;

	protected AppUser() {
	}

	AppUser(String username, String passwordHash, Role role, Instant createdAt) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role.id();
		this.createdAt = createdAt;
	}

	Long id() {
		return this.id;
	}

	String username() {
		return this.username;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	Role role() {
		return Role.ofId(this.role);
	}

	boolean enabled() {
		return this.enabled;
	}

	int failedLogins() {
		return this.failedLogins;
	}

	Instant lockedUntil() {
		return this.lockedUntil;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant lastLoginAt() {
		return this.lastLoginAt;
	}

	boolean lockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

	void changeRole(Role role) {
		this.role = role.id();
	}

	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void enable(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Lifts a lock and forgets the failed sign-ins that led to it.
	 */
	void unlock() {
		this.failedLogins = 0;
		this.lockedUntil = null;
	}

	void signedIn(Instant at) {
		this.failedLogins = 0;
		this.lockedUntil = null;
		this.lastLoginAt = at;
	}

	/**
	 * Counts a failed sign-in; every {@code threshold} consecutive failures lock the
	 * account for {@code lockout}, doubling with each further lock.
	 */
	void failedSignIn(Instant at, int threshold, Duration lockout) {
		this.failedLogins++;
		if (this.failedLogins % threshold == 0) {
			int locks = Math.min(this.failedLogins / threshold - 1, 10);
			this.lockedUntil = at.plus(lockout.multipliedBy(1L << locks));
		}
	}

}

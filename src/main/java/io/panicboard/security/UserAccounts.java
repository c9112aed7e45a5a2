package io.panicboard.security;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads dashboard users for sign-in and keeps their sign-in record: the last sign-in,
 * consecutive failures and the lock those failures cause.
 */
@Service
class UserAccounts implements UserDetailsService {

	private final AppUsers users;

	private final SecurityProperties.Login login;

	private final Clock clock;

	UserAccounts(AppUsers users, SecurityProperties properties, Clock clock) {
		this.users = users;
		this.login = properties.security().login();
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		AppUser user = this.users.findByUsernameIgnoreCase(username)
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
		return User.withUsername(user.username())
			.password(user.passwordHash())
			.authorities(user.role().authority())
			.disabled(!user.enabled())
			.accountLocked(user.lockedAt(this.clock.instant()))
			.build();
	}

	@EventListener
	@Transactional
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof UserDetails details) {
			this.users.findByUsernameIgnoreCase(details.getUsername())
				.ifPresent((user) -> user.signedIn(this.clock.instant()));
		}
	}

	@EventListener
	@Transactional
	void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
		Instant now = this.clock.instant();
		this.users.findByUsernameIgnoreCase(event.getAuthentication().getName())
			.ifPresent((user) -> user.failedSignIn(now, this.login.maxFailures(), this.login.lockout()));
	}

}

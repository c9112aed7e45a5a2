package io.panicboard.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The signed-in person as pages see it ({@code ${currentUser}} in every view).
 *
 * @param name the user name
 * @param role the user's role
 */
public record CurrentUser(String name, Role role) {

	/**
	 * Whether the user may act on incidents (acknowledge, note, resolve, …).
	 * @return {@code true} for responders and admins
	 */
	public boolean canRespond() {
		return this.role.compareTo(Role.RESPONDER) >= 0;
	}

	/**
	 * Whether the user may manage users, services, tokens and rules.
	 * @return {@code true} for admins
	 */
	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	static CurrentUser of(Authentication authentication) {
		Role role = Role.VIEWER;
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			for (Role candidate : Role.values()) {
				if (candidate.authority().getAuthority().equals(authority.getAuthority())
						&& candidate.compareTo(role) > 0) {
					role = candidate;
				}
			}
		}
		return new CurrentUser(authentication.getName(), role);
	}

}

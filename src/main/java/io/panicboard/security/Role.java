package io.panicboard.security;

import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a person signed in to the dashboard may do. Each role includes the ones before it.
 */
public enum Role {

	/** Reads every page. */
	VIEWER,

	/**
	 * Also acknowledges, assigns, notes, resolves, mutes, reopens and merges incidents.
	 */
	RESPONDER,

	/** Also manages users, services, API tokens and rules. */
	ADMIN;

	/**
	 * The role as stored in the database and shown on pages.
	 * @return the lower-case name, e.g. {@code responder}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	GrantedAuthority authority() {
		return new SimpleGrantedAuthority("ROLE_" + name());
	}

	static Role ofId(String id) {
		return valueOf(id.toUpperCase(Locale.ROOT));
	}

}

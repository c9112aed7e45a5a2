package io.panicboard.security;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

interface AppUsers extends ListCrudRepository<AppUser, Long> {

	Optional<AppUser> findByUsernameIgnoreCase(String username);

	List<AppUser> findAllByOrderByUsernameAsc();

	/**
	 * The enabled users of a role, locked until the transaction ends, so that two admins
	 * demoting or disabling each other at once cannot both pass the last-admin check.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	List<AppUser> findByRoleAndEnabledTrue(String role);

}

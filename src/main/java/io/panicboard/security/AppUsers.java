package io.panicboard.security;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface AppUsers extends ListCrudRepository<AppUser, Long> {

	Optional<AppUser> findByUsernameIgnoreCase(String username);

	List<AppUser> findAllByOrderByUsernameAsc();

}

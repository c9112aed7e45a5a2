package io.panicboard.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What admins do to dashboard users: create them, change their role, disable and enable
 * them, reset their password and lift a sign-in lock.
 * <p>
 * Two guard rails keep the dashboard administrable: an admin cannot demote or disable
 * themself, and the last enabled admin can never be demoted or disabled. The enabled
 * admins are locked while a change is checked and made, so that concurrent changes on
 * several replicas cannot leave no admin behind.
 */
@Service
class UserAdministration {

	/** Letters, digits and {@code . _ @ -}, starting with a letter or digit. */
	static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

	static final int MIN_PASSWORD_LENGTH = 12;

	/**
	 * bcrypt reads at most 72 bytes of a password; Spring Security refuses longer ones.
	 */
	static final int MAX_PASSWORD_BYTES = 72;

	private final AppUsers users;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	UserAdministration(AppUsers users, PasswordEncoder passwordEncoder, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<AppUser> list() {
		return this.users.findAllByOrderByUsernameAsc();
	}

	/**
	 * Creates a user. The database's unique index on the lower-case name also refuses a
	 * name created at the same moment elsewhere; the caller sees that as an exception.
	 * @return {@code false} when another user already has this name, ignoring case
	 */
	@Transactional
	boolean create(String username, Role role, String password) {
		if (this.users.findByUsernameIgnoreCase(username).isPresent()) {
			return false;
		}
		this.users.save(new AppUser(username, this.passwordEncoder.encode(password), role, this.clock.instant()));
		return true;
	}

	@Transactional
	Outcome changeRole(long id, Role role, String actor) {
		return changeGuarded(id, actor, role != Role.ADMIN, (user) -> user.changeRole(role));
	}

	@Transactional
	Outcome enable(long id, boolean enabled, String actor) {
		return changeGuarded(id, actor, !enabled, (user) -> user.enable(enabled));
	}

	@Transactional
	Outcome resetPassword(long id, String password) {
		String hash = this.passwordEncoder.encode(password);
		return change(id, (user) -> user.changePassword(hash));
	}

	@Transactional
	Outcome unlock(long id) {
		return change(id, AppUser::unlock);
	}

	/**
	 * Why a password cannot be used, as a message key.
	 * @param password the password
	 * @return the message key, or empty when it is fine
	 */
	static Optional<String> passwordProblem(String password) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			return Optional.of("admin.users.error.passwordShort");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			return Optional.of("admin.users.error.passwordLong");
		}
		return Optional.empty();
	}

	private Outcome changeGuarded(long id, String actor, boolean removesAdmin, Consumer<AppUser> change) {
		// Lock first: the rows read afterwards reflect any change committed meanwhile.
		List<AppUser> enabledAdmins = this.users.findByRoleAndEnabledTrue(Role.ADMIN.id());
		Optional<AppUser> found = this.users.findById(id);
		if (found.isEmpty()) {
			return Outcome.NOT_FOUND;
		}
		AppUser user = found.get();
		if (removesAdmin && user.role() == Role.ADMIN && user.enabled()) {
			if (user.username().equalsIgnoreCase(actor)) {
				return Outcome.SELF;
			}
			if (enabledAdmins.size() <= 1) {
				return Outcome.LAST_ADMIN;
			}
		}
		change.accept(user);
		return Outcome.DONE;
	}

	private Outcome change(long id, Consumer<AppUser> change) {
		Optional<AppUser> user = this.users.findById(id);
		user.ifPresent(change);
		return user.isPresent() ? Outcome.DONE : Outcome.NOT_FOUND;
	}

	/**
	 * The result of a change.
	 */
	enum Outcome {

		/** Done. */
		DONE,

		/** There is no such user. */
		NOT_FOUND,

		/** An admin tried to demote or disable themself. */
		SELF,

		/** The change would leave no enabled admin. */
		LAST_ADMIN

	}

}

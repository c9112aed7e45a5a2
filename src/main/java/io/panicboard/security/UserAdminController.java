package io.panicboard.security;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.panicboard.security.UserAdministration.Outcome;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/users}: dashboard users, their roles, and the actions on them. Every
 * action redirects back to the list with a notice; creating a user with an invalid form
 * shows the list again with the errors.
 */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

	private static final String VIEW = "security/admin-users";

	private static final String REDIRECT = "redirect:/admin/users";

	private final UserAdministration administration;

	private final MessageSource messages;

	private final Clock clock;

	UserAdminController(UserAdministration administration, MessageSource messages, Clock clock) {
		this.administration = administration;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping
	String list(Model model, Principal principal) {
		return page(model, principal, new NewUser("", Role.VIEWER.id()), Map.of());
	}

	@PostMapping
	String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String role,
			@RequestParam(defaultValue = "") String password, Model model, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		String name = username.strip();
		NewUser form = new NewUser(name, role);
		Map<String, String> errors = validate(form, password, locale);
		if (errors.isEmpty()) {
			if (createUser(name, Role.ofId(role), password)) {
				return done(redirect, locale, "admin.users.created", name);
			}
			errors.put("username", text(locale, "admin.users.error.duplicate", name));
		}
		return page(model, principal, form, errors);
	}

	@PostMapping("/{id}/role")
	String changeRole(@PathVariable long id, @RequestParam String role, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		if (!isRole(role)) {
			return refused(redirect, locale, "admin.users.error.role");
		}
		return report(this.administration.changeRole(id, Role.ofId(role), principal.getName()), redirect, locale,
				"admin.users.roleChanged");
	}

	@PostMapping("/{id}/enabled")
	String enable(@PathVariable long id, @RequestParam boolean enabled, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		return report(this.administration.enable(id, enabled, principal.getName()), redirect, locale,
				enabled ? "admin.users.enabledDone" : "admin.users.disabledDone");
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable long id, @RequestParam(defaultValue = "") String password, Locale locale,
			RedirectAttributes redirect) {
		String problem = UserAdministration.passwordProblem(password).orElse(null);
		if (problem != null) {
			return refused(redirect, locale, problem, UserAdministration.MIN_PASSWORD_LENGTH);
		}
		return report(this.administration.resetPassword(id, password), redirect, locale, "admin.users.passwordReset");
	}

	@PostMapping("/{id}/unlock")
	String unlock(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		return report(this.administration.unlock(id), redirect, locale, "admin.users.unlocked");
	}

	private boolean createUser(String name, Role role, String password) {
		try {
			return this.administration.create(name, role, password);
		}
		catch (DataIntegrityViolationException ex) {
			// the same name (ignoring case) was created at the same moment
			return false;
		}
	}

	private String page(Model model, Principal principal, NewUser form, Map<String, String> errors) {
		Instant now = this.clock.instant();
		List<UserRow> rows = this.administration.list()
			.stream()
			.map((user) -> UserRow.of(user, principal.getName(), now))
			.toList();
		model.addAttribute("users", rows);
		model.addAttribute("roles", Stream.of(Role.values()).map(Role::id).toList());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("minPasswordLength", UserAdministration.MIN_PASSWORD_LENGTH);
		return VIEW;
	}

	private Map<String, String> validate(NewUser form, String password, Locale locale) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (!UserAdministration.USERNAME.matcher(form.username()).matches()) {
			errors.put("username", text(locale, "admin.users.error.username"));
		}
		if (!isRole(form.role())) {
			errors.put("role", text(locale, "admin.users.error.role"));
		}
		UserAdministration.passwordProblem(password)
			.ifPresent((key) -> errors.put("password", text(locale, key, UserAdministration.MIN_PASSWORD_LENGTH)));
		return errors;
	}

	private String report(Outcome outcome, RedirectAttributes redirect, Locale locale, String doneKey) {
		return switch (outcome) {
			case DONE -> done(redirect, locale, doneKey);
			case NOT_FOUND -> refused(redirect, locale, "admin.users.error.notFound");
			case SELF -> refused(redirect, locale, "admin.users.error.self");
			case LAST_ADMIN -> refused(redirect, locale, "admin.users.error.lastAdmin");
		};
	}

	private String done(RedirectAttributes redirect, Locale locale, String key, Object... args) {
		redirect.addFlashAttribute("notice", new Notice("success", text(locale, key, args)));
		return REDIRECT;
	}

	private String refused(RedirectAttributes redirect, Locale locale, String key, Object... args) {
		redirect.addFlashAttribute("notice", new Notice("error", text(locale, key, args)));
		return REDIRECT;
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	private static boolean isRole(String id) {
		return Stream.of(Role.values()).anyMatch((role) -> role.id().equals(id));
	}

	/**
	 * What the create form shows again after an error; never the password.
	 *
	 * @param username the entered user name
	 * @param role the chosen role
	 */
	record NewUser(String username, String role) {
	}

	/**
	 * A user in the list.
	 *
	 * @param id the id
	 * @param username the user name
	 * @param role the role id
	 * @param enabled whether the user may sign in
	 * @param createdAt when the user was created
	 * @param lastSignIn the last successful sign-in, or {@code null}
	 * @param lockedUntil until when sign-in is refused, or {@code null} when not locked
	 * @param failedLogins consecutive failed sign-ins
	 * @param self whether this is the signed-in admin
	 */
	record UserRow(long id, String username, String role, boolean enabled, String createdAt, String lastSignIn,
			String lockedUntil, int failedLogins, boolean self) {

		static UserRow of(AppUser user, String signedIn, Instant now) {
			return new UserRow(user.id(), user.username(), user.role().id(), user.enabled(),
					AdminTimes.format(user.createdAt()), AdminTimes.format(user.lastLoginAt()),
					user.lockedAt(now) ? AdminTimes.format(user.lockedUntil()) : null, user.failedLogins(),
					user.username().equalsIgnoreCase(signedIn));
		}

		/**
		 * Whether an unlock would change anything.
		 * @return {@code true} when locked or after failed sign-ins
		 */
		public boolean unlockable() {
			return this.lockedUntil != null || this.failedLogins > 0;
		}

	}

}

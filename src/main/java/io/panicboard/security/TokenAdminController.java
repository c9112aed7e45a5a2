package io.panicboard.security;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.panicboard.security.ApiTokens.CreatedToken;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/tokens}: API tokens. Creating one answers with a page that shows its
 * secret, the only time it is ever shown (the database keeps only its digest); the page
 * is not cached, and reloading it would create another token rather than show the secret
 * again. The signed-in admin is recorded as the creator ({@code user alice}).
 */
@Controller
@RequestMapping("/admin/tokens")
class TokenAdminController {

	private final ApiTokens tokens;

	private final MessageSource messages;

	TokenAdminController(ApiTokens tokens, MessageSource messages) {
		this.tokens = tokens;
		this.messages = messages;
	}

	@GetMapping
	String list(Model model) {
		return page(model, new NewToken("", TokenScope.INGEST.id(), ""), Map.of());
	}

	@PostMapping
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String scope,
			@RequestParam(defaultValue = "") String service, Model model, Principal principal, Locale locale) {
		NewToken form = new NewToken(name.strip(), scope, service.strip());
		Map<String, String> errors = validate(form, locale);
		if (!errors.isEmpty()) {
			return page(model, form, errors);
		}
		CreatedToken created = this.tokens.create(form.name(), TokenScope.fromId(scope).orElseThrow(),
				form.service().isEmpty() ? null : form.service(), "user " + principal.getName());
		model.addAttribute("token", TokenRow.of(created.token()));
		model.addAttribute("secret", created.secret());
		return "security/admin-token-created";
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		Notice notice = this.tokens.revoke(id) ? new Notice("success", text(locale, "admin.tokens.revoked", id))
				: new Notice("error", text(locale, "admin.tokens.error.notFound", id));
		redirect.addFlashAttribute("notice", notice);
		return "redirect:/admin/tokens";
	}

	private String page(Model model, NewToken form, Map<String, String> errors) {
		model.addAttribute("tokens", this.tokens.list().stream().map(TokenRow::of).toList());
		model.addAttribute("scopes", Stream.of(TokenScope.values()).map(TokenScope::id).toList());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "security/admin-tokens";
	}

	/**
	 * The rules of {@code POST /api/v1/tokens}, as form errors.
	 */
	private Map<String, String> validate(NewToken form, Locale locale) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (form.name().isEmpty() || form.name().length() > TokensController.MAX_NAME_LENGTH) {
			errors.put("name", text(locale, "admin.tokens.error.name", TokensController.MAX_NAME_LENGTH));
		}
		Optional<TokenScope> scope = TokenScope.fromId(form.scope());
		if (scope.isEmpty()) {
			errors.put("scope", text(locale, "admin.tokens.error.scope"));
		}
		if (!form.service().isEmpty()) {
			if (scope.isPresent() && scope.get() != TokenScope.INGEST) {
				errors.put("service", text(locale, "admin.tokens.error.serviceScope"));
			}
			else if (!TokensController.SERVICE_NAME.matcher(form.service()).matches()) {
				errors.put("service", text(locale, "admin.tokens.error.service"));
			}
		}
		return errors;
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	/**
	 * What the create form shows again after an error.
	 *
	 * @param name the token's name
	 * @param scope the scope id
	 * @param service the one service of an ingest token, or empty
	 */
	record NewToken(String name, String scope, String service) {
	}

	/**
	 * A token in the list: never its secret.
	 *
	 * @param id the id
	 * @param name the name
	 * @param displayPrefix the start of the secret, such as {@code pbt_AbCdEfGh…}
	 * @param scope the scope id
	 * @param service the one service of an ingest token, or {@code null} for all
	 * @param createdAt when it was created
	 * @param createdBy who created it
	 * @param lastUsed when it was last used (to the minute), or {@code null}
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	record TokenRow(long id, String name, String displayPrefix, String scope, String service, String createdAt,
			String createdBy, String lastUsed, String revokedAt) {

		static TokenRow of(StoredToken token) {
			return new TokenRow(token.id(), token.name(), TokenSecrets.PREFIX + token.displayPrefix() + "…",
					token.scope().id(), token.service(), AdminTimes.format(token.createdAt()), token.createdBy(),
					AdminTimes.format(token.lastUsedAt()), AdminTimes.format(token.revokedAt()));
		}

		/**
		 * Whether the token is revoked.
		 * @return {@code true} once revoked
		 */
		public boolean revoked() {
			return this.revokedAt != null;
		}

	}

}

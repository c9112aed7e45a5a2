package io.panicboard.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.panicboard.security.ApiTokens.CreatedToken;
import io.panicboard.security.SecurityProblems.InvalidField;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tokens}: API token management, for admin tokens only. The secret of a
 * token is in the answer to its creation and nowhere else.
 */
@RestController
@RequestMapping("/api/v1/tokens")
class TokensController {

	static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

	static final int MAX_NAME_LENGTH = 200;

	private final ApiTokens tokens;

	TokensController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	List<TokenJson> list(ApiPrincipal principal) {
		ApiAccess.requireAdmin(principal);
		return this.tokens.list().stream().map(TokenJson::of).toList();
	}

	@PostMapping
	ResponseEntity<CreatedTokenJson> create(ApiPrincipal principal, @RequestBody NewTokenJson body) {
		ApiAccess.requireAdmin(principal);
		TokenScope scope = body.validate();
		CreatedToken created = this.tokens.create(body.name().strip(), scope, body.service(), principal);
		return ResponseEntity.status(HttpStatus.CREATED).body(CreatedTokenJson.of(created));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(ApiPrincipal principal, @PathVariable long id) {
		ApiAccess.requireAdmin(principal);
		if (!this.tokens.revoke(id)) {
			throw SecurityProblems.tokenNotFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * The body of {@code POST /api/v1/tokens}.
	 *
	 * @param name what the token is for, such as {@code orders-prod ingest}
	 * @param scope {@code ingest}, {@code read} or {@code admin}
	 * @param service for an ingest token, the one service it may write; omitted for all
	 */
	record NewTokenJson(String name, String scope, String service) {

		/**
		 * Checks every field.
		 * @return the scope
		 * @throws org.springframework.web.ErrorResponseException 400 naming each invalid
		 * field
		 */
		TokenScope validate() {
			List<InvalidField> errors = new ArrayList<>();
			if (this.name == null || this.name.isBlank()) {
				errors.add(new InvalidField("name", "must not be blank"));
			}
			else if (this.name.length() > MAX_NAME_LENGTH) {
				errors.add(new InvalidField("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
			}
			Optional<TokenScope> scope = Optional.ofNullable(this.scope).flatMap(TokenScope::fromId);
			if (scope.isEmpty()) {
				errors.add(new InvalidField("scope", "must be one of ingest, read, admin"));
			}
			if (this.service != null) {
				if (scope.isPresent() && scope.get() != TokenScope.INGEST) {
					errors.add(new InvalidField("service", "only an ingest token can be limited to one service"));
				}
				else if (!SERVICE_NAME.matcher(this.service).matches()) {
					errors.add(new InvalidField("service", "must match " + SERVICE_NAME.pattern()));
				}
			}
			if (!errors.isEmpty()) {
				throw SecurityProblems.invalidRequest(errors);
			}
			return scope.get();
		}

	}

	/**
	 * A token in a list: never its secret.
	 *
	 * @param id the id
	 * @param name the name
	 * @param scope the scope
	 * @param service the one service of an ingest token, or {@code null} for all
	 * @param displayPrefix the start of the secret, to recognise it:
	 * {@code pbt_AbCdEfGh…}
	 * @param createdAt when it was created
	 * @param createdBy who created it
	 * @param lastUsedAt when it was last used (to the minute), or {@code null}
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	record TokenJson(long id, String name, String scope, String service, String displayPrefix, Instant createdAt,
			String createdBy, Instant lastUsedAt, Instant revokedAt) {

		static TokenJson of(StoredToken token) {
			return new TokenJson(token.id(), token.name(), token.scope().id(), token.service(),
					TokenSecrets.PREFIX + token.displayPrefix() + "…", token.createdAt(), token.createdBy(),
					token.lastUsedAt(), token.revokedAt());
		}

	}

	/**
	 * The answer to a creation, the only place the secret ever appears.
	 *
	 * @param id the id
	 * @param name the name
	 * @param scope the scope
	 * @param service the one service of an ingest token, or {@code null} for all
	 * @param secret the bearer token
	 * @param createdAt when it was created
	 */
	record CreatedTokenJson(long id, String name, String scope, String service, String secret, Instant createdAt) {

		static CreatedTokenJson of(CreatedToken created) {
			StoredToken token = created.token();
			return new CreatedTokenJson(token.id(), token.name(), token.scope().id(), token.service(), created.secret(),
					token.createdAt());
		}

		@Override
		public String toString() {
			return "CreatedTokenJson[id=" + this.id + ", name=" + this.name + ", scope=" + this.scope + ", service="
					+ this.service + ", secret=(hidden), createdAt=" + this.createdAt + "]";
		}

	}

}

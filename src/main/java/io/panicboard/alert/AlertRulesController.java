package io.panicboard.alert;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.panicboard.security.ApiAccess;
import io.panicboard.security.ApiPrincipal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alert-rules}: reading needs a read or admin token, changes an admin
 * token. Built-in rules can be edited and disabled but not deleted, as on the rules page.
 */
@RestController
@RequestMapping("/api/v1/alert-rules")
class AlertRulesController {

	private final AlertRules rules;

	private final AlertEvaluator evaluator;

	private final Clock clock;

	AlertRulesController(AlertRules rules, AlertEvaluator evaluator, Clock clock) {
		this.rules = rules;
		this.evaluator = evaluator;
		this.clock = clock;
	}

	@GetMapping
	List<RuleJson> list(ApiPrincipal principal) {
		ApiAccess.requireRead(principal);
		return this.rules.all().stream().map(RuleJson::of).toList();
	}

	@GetMapping("/{id}")
	RuleJson get(ApiPrincipal principal, @PathVariable long id) {
		ApiAccess.requireRead(principal);
		return RuleJson.of(this.rules.find(id).orElseThrow(() -> AlertProblems.notFound("alert rule", id)));
	}

	@PostMapping
	ResponseEntity<RuleJson> create(ApiPrincipal principal, @RequestBody RuleBody body) {
		ApiAccess.requireAdmin(principal);
		AlertRule rule = valid(body, null);
		AlertRule created = this.rules.create(rule, principal.name());
		return ResponseEntity.created(URI.create("/api/v1/alert-rules/" + created.id())).body(RuleJson.of(created));
	}

	@PutMapping("/{id}")
	RuleJson update(ApiPrincipal principal, @PathVariable long id, @RequestBody RuleBody body) {
		ApiAccess.requireAdmin(principal);
		this.rules.find(id).orElseThrow(() -> AlertProblems.notFound("alert rule", id));
		return RuleJson.of(this.rules.update(id, valid(body, id), principal.name()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(ApiPrincipal principal, @PathVariable long id) {
		ApiAccess.requireAdmin(principal);
		AlertRule rule = this.rules.find(id).orElseThrow(() -> AlertProblems.notFound("alert rule", id));
		if (rule.builtinKey() != null) {
			throw AlertProblems.builtinRule(rule);
		}
		if (!this.evaluator.delete(rule, this.clock.instant())) {
			throw AlertProblems.notFound("alert rule", id);
		}
		return ResponseEntity.noContent().build();
	}

	private AlertRule valid(RuleBody body, Long id) {
		return body.toRule((name) -> this.rules.nameTaken(name, id));
	}

}

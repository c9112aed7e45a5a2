package io.panicboard.alert;

import java.nio.charset.StandardCharsets;

import io.panicboard.security.ApiAccess;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/alert-rules/prometheus.yml}: the enabled alert rules as a Prometheus
 * rule file, for a read token.
 */
@RestController
class PrometheusRuleController {

	static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

	private final PrometheusRuleFile file;

	PrometheusRuleController(PrometheusRuleFile file) {
		this.file = file;
	}

	@GetMapping("/api/v1/alert-rules/prometheus.yml")
	ResponseEntity<String> ruleFile(HttpServletRequest request) {
		ApiAccess.requireRead(ApiAccess.principal(request));
		return ResponseEntity.ok().contentType(YAML).body(this.file.yaml());
	}

}

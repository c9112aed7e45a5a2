package io.panicboard.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The files under {@code docker/}: Prometheus and Alertmanager accept their configuration
 * (checked by their own tools, as installed by .ci/run), and the compose file wires the
 * services those configurations name.
 */
class DockerConfigurationTests {

	private static final Path DOCKER = Path.of("docker");

	private static final String PROMTOOL = System.getProperty("promtool.binary", "/usr/bin/promtool");

	private static final String AMTOOL = System.getProperty("amtool.binary", "/usr/bin/amtool");

	@Test
	void promtoolAcceptsThePrometheusConfiguration() throws Exception {
		assumeTrue(Files.isExecutable(Path.of(PROMTOOL)), () -> "promtool check config skipped: " + PROMTOOL
				+ " is not installed; install Debian's prometheus package, as .ci/run does");
		assertThat(run(PROMTOOL, "check", "config", DOCKER.resolve("prometheus/prometheus.yml").toString()))
			.contains("SUCCESS");
	}

	@Test
	void amtoolAcceptsTheAlertmanagerConfiguration() throws Exception {
		assumeTrue(Files.isExecutable(Path.of(AMTOOL)), () -> "amtool check-config skipped: " + AMTOOL
				+ " is not installed; install Debian's prometheus-alertmanager package, as .ci/run does");
		assertThat(run(AMTOOL, "check-config", DOCKER.resolve("alertmanager/alertmanager.yml").toString()))
			.contains("SUCCESS");
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeWiresPanicboardPrometheusAndAlertmanager() throws IOException {
		Map<String, Object> compose = yaml(DOCKER.resolve("compose.yaml"));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		assertThat(services).containsKeys("postgres", "panicboard", "prometheus", "alertmanager", "rules-sync");

		Map<String, Object> panicboard = services.get("panicboard");
		assertThat(((Map<String, String>) panicboard.get("build")).get("dockerfile")).isEqualTo("docker/Dockerfile");
		Map<String, String> environment = (Map<String, String>) panicboard.get("environment");
		assertThat(environment).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/panicboard")
			.containsEntry("PANICBOARD_ALERTMANAGER_URL", "http://alertmanager:9093")
			.containsKey("PANICBOARD_BOOTSTRAP_TOKEN");

		// Every configuration file the services mount is in the repository.
		for (String name : List.of("prometheus", "alertmanager")) {
			for (String volume : (List<String>) services.get(name).get("volumes")) {
				if (volume.startsWith("./")) {
					assertThat(DOCKER.resolve(volume.substring(2, volume.indexOf(':')))).as(volume).isRegularFile();
				}
			}
		}

		// Prometheus scrapes the panicboard service, sends to the alertmanager service
		// and
		// loads the rule directory that rules-sync fills.
		Map<String, Object> prometheus = yaml(DOCKER.resolve("prometheus/prometheus.yml"));
		assertThat(prometheus.toString()).contains("targets=[panicboard:8080]", "targets=[alertmanager:9093]",
				"metrics_path=/metrics");
		assertThat((List<String>) prometheus.get("rule_files")).containsExactly("/etc/prometheus/rules/*.yml");
		assertThat(services.get("prometheus").get("volumes").toString())
			.contains("prometheus-rules:/etc/prometheus/rules");
		assertThat(services.get("rules-sync").toString()).contains("/api/v1/alert-rules/prometheus.yml",
				"http://prometheus:9090/-/reload");
	}

	@Test
	void theImageRunsAsAnUnprivilegedUserWithAHealthcheck() throws IOException {
		String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
		List<String> stages = dockerfile.lines().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
		String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
		assertThat(runtime).contains("USER panicboard", "HEALTHCHECK", "/actuator/health/readiness")
			.doesNotContain("USER root");
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		return new Yaml().load(Files.readString(file));
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}

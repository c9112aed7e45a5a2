package io.panicboard.alert;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link AlertEvaluator}, once across replicas: occurrence conditions every
 * {@code panicboard.alerts.occurrence-interval} (1 s), windowed and metric conditions
 * every {@code panicboard.alerts.evaluation-interval} (15 s). Off with
 * {@code panicboard.alerts.evaluation-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "panicboard.alerts.evaluation-enabled", havingValue = "true", matchIfMissing = true)
class AlertEvaluationJob {

	private final AlertEvaluator evaluator;

	private final AlertMetrics metrics;

	private final Clock clock;

	AlertEvaluationJob(AlertEvaluator evaluator, AlertMetrics metrics, Clock clock) {
		this.evaluator = evaluator;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${panicboard.alerts.occurrence-interval:1s}")
	@SchedulerLock(name = "alert-occurrence-rules", lockAtMostFor = "PT1M")
	void occurrenceRules() {
		long started = System.nanoTime();
		this.evaluator.evaluate(this.clock.instant(), ConditionType::occurrenceBased);
		this.metrics.evaluated(AlertMetrics.OCCURRENCE, System.nanoTime() - started);
	}

	@Scheduled(fixedDelayString = "${panicboard.alerts.evaluation-interval:15s}")
	@SchedulerLock(name = "alert-rules", lockAtMostFor = "PT5M")
	void windowedRules() {
		long started = System.nanoTime();
		this.evaluator.evaluate(this.clock.instant(), (type) -> !type.occurrenceBased());
		this.metrics.evaluated(AlertMetrics.WINDOWED, System.nanoTime() - started);
		this.metrics.refresh();
	}

}

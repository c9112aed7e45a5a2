package io.panicboard.review;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the weekly review ({@code panicboard.review.*}). The report's days are
 * those of {@code panicboard.pages.zone}, the zone every page shows.
 *
 * @param top rows of each "top" list of the report
 * @param raceEnvironments environments whose race reports count as "map races from CI or
 * staging"
 * @param productionEnvironment the environment whose concurrent map crashes are linked to
 * earlier races
 * @param delivery scheduled delivery of the report's summary
 */
@ConfigurationProperties("panicboard.review")
@Validated
record ReviewProperties(@DefaultValue("10") @Min(1) @Max(100) int top, @DefaultValue( {
		"ci", "staging" }) @NotNull List<String> raceEnvironments,
		@DefaultValue("production") @NotNull String productionEnvironment, @DefaultValue @NotNull Delivery delivery){

	/**
	 * Scheduled delivery of a summary; off unless a URL is set.
	 *
	 * @param webhookUrl a URL that receives the summary as JSON ({@code POST})
	 * @param slackUrl a Slack incoming-webhook URL that receives it as a message
	 * @param cron when, in the pages' zone (default Monday 09:00)
	 * @param team the team whose report is sent, or empty for all services
	 */
	record Delivery(URI webhookUrl, URI slackUrl, @DefaultValue("0 0 9 * * MON") @NotNull String cron, String team) {

		boolean enabled() {
			return this.webhookUrl != null || this.slackUrl != null;
		}

	}

}

package io.panicboard.incident;

import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the incident and analyze pages ({@code panicboard.pages.*}).
 *
 * @param zone the time zone pages show times in
 * @param maxAnalyzeSize the largest text the analyze page accepts, in UTF-8 bytes (as
 * {@code POST /api/v1/analyze})
 * @param maxAnalyzeFindings findings the analyze page shows in full; the rest are counted
 */
@ConfigurationProperties("panicboard.pages")
@Validated
record IncidentPageProperties(@DefaultValue("UTC") @NotNull ZoneId zone,
		@DefaultValue("10MB") @NotNull DataSize maxAnalyzeSize, @DefaultValue("100") int maxAnalyzeFindings) {

}

package io.panicboard.incident;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Formats times for pages in the configured zone ({@code ${times}} in the incident and
 * analyze views).
 */
@Component
class PageTimes {

	private final ZoneId zone;

	private final DateTimeFormatter display;

	PageTimes(IncidentPageProperties properties) {
		this.zone = properties.zone();
		this.display = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(this.zone);
	}

	/**
	 * A time as shown, e.g. {@code 2026-11-21 19:40:02}.
	 * @param at the time, or {@code null}
	 * @return the text, empty for {@code null}
	 */
	public String format(Instant at) {
		return (at != null) ? this.display.format(at) : "";
	}

	/**
	 * A time for a {@code datetime} attribute.
	 * @param at the time, or {@code null}
	 * @return RFC 3339 in UTC, empty for {@code null}
	 */
	public String iso(Instant at) {
		return (at != null) ? at.toString() : "";
	}

	/**
	 * The zone's name, e.g. {@code UTC}.
	 * @return the zone id
	 */
	public String zone() {
		return this.zone.getId();
	}

	ZoneId zoneId() {
		return this.zone;
	}

}

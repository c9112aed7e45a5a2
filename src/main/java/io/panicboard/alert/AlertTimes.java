package io.panicboard.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Times on the alert pages, in the zone the other pages use
 * ({@code panicboard.pages.zone}).
 */
@Component
class AlertTimes {

	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

	private final ZoneId zone;

	private final DateTimeFormatter display;

	AlertTimes(@Value("${panicboard.pages.zone:UTC}") ZoneId zone) {
		this.zone = zone;
		this.display = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT).withZone(zone);
	}

	Ago ago(Instant at, Instant now) {
		if (at == null) {
			return null;
		}
		Duration ago = Duration.between(at, now);
		String absolute = this.display.format(at);
		if (ago.toSeconds() < 60) {
			return new Ago("time.justNow", 0, at.toString(), absolute);
		}
		if (ago.toMinutes() < 60) {
			return new Ago("time.minutesAgo", ago.toMinutes(), at.toString(), absolute);
		}
		if (ago.toHours() < 48) {
			return new Ago("time.hoursAgo", ago.toHours(), at.toString(), absolute);
		}
		return new Ago("time.daysAgo", ago.toDays(), at.toString(), absolute);
	}

	String format(Instant at) {
		return (at != null) ? this.display.format(at) : "";
	}

	/**
	 * The value of a {@code datetime-local} input for a time.
	 */
	String input(Instant at) {
		return INPUT.format(LocalDateTime.ofInstant(at, this.zone));
	}

	/**
	 * Reads a {@code datetime-local} input ({@code 2026-11-22T14:30}, seconds allowed).
	 * @return the time, or {@code null} when it is not one
	 */
	Instant parseInput(String text) {
		try {
			return LocalDateTime.parse(text.strip()).atZone(this.zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	String zone() {
		return this.zone.getId();
	}

	/**
	 * A point in time for {@code fragments/time :: ago}: relative text (a message key
	 * with its amount), the absolute time as tooltip and the machine-readable one.
	 *
	 * @param key the message key of the relative text
	 * @param amount the amount the message shows
	 * @param iso the RFC 3339 time
	 * @param absolute the time in the pages' zone
	 */
	record Ago(String key, long amount, String iso, String absolute) {
	}

}

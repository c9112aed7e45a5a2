package io.panicboard.slo;

import java.time.Duration;

/**
 * The windows burn rates are computed over; {@link #id()} is the {@code window} label.
 */
enum BurnWindow {

	M5("5m", Duration.ofMinutes(5)), M30("30m", Duration.ofMinutes(30)), H1("1h", Duration.ofHours(1)),
	H2("2h", Duration.ofHours(2)), H6("6h", Duration.ofHours(6)), D1("1d", Duration.ofDays(1)),
	D3("3d", Duration.ofDays(3));

	private final String id;

	private final Duration length;

	BurnWindow(String id, Duration length) {
		this.id = id;
		this.length = length;
	}

	String id() {
		return this.id;
	}

	Duration length() {
		return this.length;
	}

}

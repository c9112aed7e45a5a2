package io.panicboard.incident;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The empty state's example: a copy-paste {@code curl} that posts a Go crash to this
 * panicboard, as in {@code docs/api.md}.
 *
 * @param curl the command
 */
record FirstCrash(String curl) {

	/** An event with a real (short) Go crash: a write to a nil map. */
	static final String EVENT = "{\"service\":\"orders\",\"environment\":\"production\",\"text\":"
			+ "\"panic: assignment to entry in nil map\\n\\ngoroutine 1 [running]:\\nmain.main()\\n"
			+ "\\t/app/main.go:8 +0x2c\\nexit status 2\\n\"}";

	/**
	 * The example for the panicboard that serves the current request.
	 * @return the example
	 */
	static FirstCrash forCurrentRequest() {
		String events = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/events").toUriString();
		return new FirstCrash("curl -s " + events + " \\\n" + "  -H \"Authorization: Bearer $PANICBOARD_TOKEN\" \\\n"
				+ "  -H 'Content-Type: application/json' \\\n" + "  -d '" + EVENT + "'");
	}

}

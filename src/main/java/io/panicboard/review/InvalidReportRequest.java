package io.panicboard.review;

/**
 * A report request with a parameter that cannot be answered: a malformed week, one before
 * 1970-W01 or one that has not started, an unknown team or service, both a team and a
 * service, or an unknown export format. The page shows the message; the API and the
 * page's export answer 400 with a problem ({@link ReportProblems}).
 */
class InvalidReportRequest extends RuntimeException {

	private final String parameter;

	private final String messageKey;

	private final String value;

	InvalidReportRequest(String parameter, String messageKey, String value) {
		super(parameter + ": " + value);
		this.parameter = parameter;
		this.messageKey = messageKey;
		this.value = value;
	}

	String parameter() {
		return this.parameter;
	}

	String messageKey() {
		return this.messageKey;
	}

	String value() {
		return this.value;
	}

}

package io.panicboard.review;

/**
 * Which services a report covers: all, the services of one team, or one service.
 *
 * @param team the team, or {@code null}
 * @param service the service, or {@code null}
 */
record ReportScope(String team, String service) {

	static final ReportScope ALL = new ReportScope(null, null);

	ReportScope {
		team = blankToNull(team);
		service = blankToNull(service);
	}

	boolean all() {
		return this.team == null && this.service == null;
	}

	/**
	 * A SQL condition on a column holding service names, with {@code :scope} as its
	 * parameter when it has one.
	 * @param column the column, e.g. {@code i.service}
	 * @return the condition, starting with {@code AND}, or empty
	 */
	String sql(String column) {
		if (this.service != null) {
			return " AND " + column + " = :scope";
		}
		if (this.team != null) {
			return " AND " + column + " IN (SELECT name FROM service WHERE team = :scope)";
		}
		return "";
	}

	/**
	 * The value of {@code :scope}.
	 * @return the service, the team, or {@code null}
	 */
	String parameter() {
		return (this.service != null) ? this.service : this.team;
	}

	private static String blankToNull(String value) {
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

}

package io.panicboard.alert;

import java.util.Map;

/**
 * The SQL of a rule's matchers over {@code incident i}, with its parameters.
 */
final class MatcherSql {

	private MatcherSql() {
	}

	/**
	 * Adds the conditions of the matchers to a query's parameters.
	 * @param matchers the matchers
	 * @param parameters receives {@code services}, {@code environments}, {@code kinds},
	 * {@code severities}
	 * @return the SQL to append to a {@code WHERE}, starting with {@code AND}
	 */
	static String where(RuleMatchers matchers, Map<String, Object> parameters) {
		parameters.put("services", matchers.services().toArray(String[]::new));
		parameters.put("environments", matchers.environments().toArray(String[]::new));
		parameters.put("kinds", matchers.kinds().toArray(String[]::new));
		parameters.put("severities", matchers.severities().toArray(String[]::new));
		String sql = """
				 AND (cardinality(:services::text[]) = 0 OR i.service = ANY(:services::text[]))
				 AND (cardinality(:environments::text[]) = 0 OR i.environment = ANY(:environments::text[]))
				 AND (cardinality(:kinds::text[]) = 0 OR i.kind = ANY(:kinds::text[]))
				 AND (cardinality(:severities::text[]) = 0 OR i.severity = ANY(:severities::text[]))
				""";
		if (matchers.mapRelated() != null) {
			sql += matchers.mapRelated() ? " AND i.map_related" : " AND NOT i.map_related";
		}
		return sql;
	}

}

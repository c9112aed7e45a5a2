package io.panicboard.review;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Addresses of the report for a week and scope. Every value is encoded whole, {@code +}
 * included: a team may be called {@code C++}, and a {@code +} left as it is reads as a
 * space.
 */
final class ReportLinks {

	private ReportLinks() {
	}

	/**
	 * An address with the week, team and service that are given.
	 * @param path the path, e.g. {@code /reports/weekly}
	 * @param week the week, or {@code null}
	 * @param team the team, or {@code null}
	 * @param service the service, or {@code null}
	 * @return the path and its query, encoded
	 */
	static String of(String path, String week, String team, String service) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
		Map<String, String> values = new LinkedHashMap<>();
		for (String[] p : new String[][] { { "week", week }, { "team", team }, { "service", service } }) {
			if (p[1] != null && !p[1].isBlank()) {
				link.queryParam(p[0], "{" + p[0] + "}");
				values.put(p[0], p[1]);
			}
		}
		return link.encode().buildAndExpand(values).toUriString();
	}

}

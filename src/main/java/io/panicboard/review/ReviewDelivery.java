package io.panicboard.review;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.panicboard.review.WeeklyReport.Figures;
import io.panicboard.system.PublicUrl;
import io.panicboard.system.SlackText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Sends the summary of the last complete week's report to a webhook (the summary as JSON)
 * and to a Slack incoming webhook ({@code {"text": ...}}, escaped for mrkdwn: incident
 * titles come from crashes).
 */
@Component
class ReviewDelivery {

	private static final Log logger = LogFactory.getLog(ReviewDelivery.class);

	private final WeeklyReports reports;

	private final PublicUrl publicUrl;

	private final RestClient http;

	ReviewDelivery(WeeklyReports reports, PublicUrl publicUrl) {
		this.reports = reports;
		this.publicUrl = publicUrl;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
		requests.setReadTimeout(Duration.ofSeconds(10));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	/**
	 * Sends the summary of the last week that ended before a time.
	 * @param delivery where to
	 * @param now the time
	 * @return how many targets accepted it
	 */
	int send(ReviewProperties.Delivery delivery, Instant now) {
		if (!delivery.enabled()) {
			return 0;
		}
		ReportWeek week = ReportWeek.lastComplete(now, this.reports.zone());
		ReportScope scope = new ReportScope(delivery.team(), null);
		WeeklyReport report = this.reports.report(week, scope);
		String link = this.publicUrl.link(ReportLinks.of("/reports/weekly", week.id(), scope.team(), null));
		String text = summary(report, link);
		int sent = 0;
		if (delivery.webhookUrl() != null) {
			sent += post(delivery.webhookUrl(), summaryJson(report, text, link));
		}
		if (delivery.slackUrl() != null) {
			sent += post(delivery.slackUrl(), Map.of("text", SlackText.escape(text)));
		}
		return sent;
	}

	private int post(URI url, Object body) {
		try {
			this.http.post().uri(url).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
			return 1;
		}
		catch (RestClientException ex) {
			logger.warn("The weekly review could not be delivered to " + url.getHost() + ": " + describe(ex));
			return 0;
		}
	}

	/**
	 * What went wrong, without the exception's message: Spring's messages hold the full
	 * URL, and a Slack webhook's path is its secret.
	 */
	private static String describe(RestClientException ex) {
		if (ex instanceof RestClientResponseException response) {
			return "HTTP " + response.getStatusCode().value();
		}
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return "could not connect";
			}
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return "no answer in time";
			}
		}
		return ex.getMostSpecificCause().getClass().getSimpleName();
	}

	static String summary(WeeklyReport r, String link) {
		Figures c = r.headline().current();
		Figures p = r.headline().previous();
		StringBuilder text = new StringBuilder();
		text.append("Weekly review ")
			.append(r.week())
			.append(" (")
			.append(ReportMarkdown.scope(r))
			.append("): ")
			.append(c.crashes())
			.append(" crashes (")
			.append(Durations.change(c.crashes(), p.crashes()))
			.append("), ")
			.append(c.newIncidents())
			.append(" new incidents, ")
			.append(c.regressions())
			.append(" regressions, ")
			.append(c.resolved())
			.append(" resolved, ")
			.append(c.stillOpen())
			.append(" still open. MTTA median ")
			.append(Durations.format(c.mttaMedianSeconds()))
			.append(", MTTR median ")
			.append(Durations.format(c.mttrMedianSeconds()))
			.append('.');
		if (!r.topByOccurrences().isEmpty()) {
			WeeklyReport.IncidentLine top = r.topByOccurrences().get(0).incident();
			text.append(" Top: #")
				.append(top.id())
				.append(' ')
				.append(top.title())
				.append(" (")
				.append(top.crashes())
				.append(").");
		}
		long overdue = r.techDebt().stream().filter(WeeklyReport.DebtItem::overdue).count();
		text.append(" Tech debt: ")
			.append(r.techDebt().size())
			.append(" items, ")
			.append(overdue)
			.append(" overdue. ")
			.append(link);
		return text.toString();
	}

	private static Map<String, Object> summaryJson(WeeklyReport r, String text, String link) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("week", r.week());
		json.put("team", r.team());
		json.put("text", text);
		json.put("link", link);
		json.put("headline", r.headline());
		json.put("top", List.copyOf(r.topByOccurrences().stream().map((t) -> t.incident().id()).toList()));
		return json;
	}

}

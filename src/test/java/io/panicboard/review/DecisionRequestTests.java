package io.panicboard.review;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link DecisionRequest}'s checks on their own.
 */
class DecisionRequestTests {

	@Test
	void dueDatesAreTakenFrom2000To2099() {
		assertThat(techDebt("2000-01-01", null).errors()).isEmpty();
		assertThat(techDebt("2099-12-31", null).errors()).isEmpty();
		for (String due : new String[] { "1999-12-31", "2100-01-01", "+999999999-12-31", "-0001-01-01" }) {
			assertThat(techDebt(due, null).errors()).as(due)
				.containsOnlyKeys("due")
				.containsValue("must be from 2000-01-01 to 2099-12-31");
		}
		assertThat(techDebt("99999-12-31", null).errors()).containsEntry("due", "must be a date, yyyy-MM-dd");
	}

	@Test
	void ticketUrlsAreAbsoluteHttpUrlsWithAHost() {
		for (String url : new String[] { "https://tickets.example/T-1", "http://jira:8080/browse/PAY-12",
				" https://tickets.example/T-1?x=1#top " }) {
			assertThat(techDebt("2026-12-31", url).errors()).as(url).isEmpty();
		}
		for (String url : new String[] { "https://", "http://", "https://a b\"><script>x</script>", "https:///path",
				"javascript:alert(1)", "ftp://tickets.example/T-1", "tickets.example/T-1", "https:tickets",
				// the incident timeline links only lower-case schemes
				"HTTPS://tickets.example/T-1" }) {
			assertThat(techDebt("2026-12-31", url).errors()).as(url).containsOnlyKeys("ticketUrl");
		}
	}

	@Test
	void textsWithANulCharacterAreRefusedNamingTheField() {
		// PostgreSQL's text cannot hold NUL: stored, it failed the request with a 500
		assertThat(new DecisionRequest("tech_debt", "al\0ice", "2026-12-31", null, null).errors())
			.containsExactly(entry("owner", "must not contain NUL characters"));
		assertThat(new DecisionRequest("wont_fix", null, null, null, "not\0ours").errors())
			.containsExactly(entry("reason", "must not contain NUL characters"));
		assertThat(new DecisionRequest("wont_fix", null, null, null, "not ours\nat all").errors()).isEmpty();
	}

	private static DecisionRequest techDebt(String due, String ticketUrl) {
		return new DecisionRequest("tech_debt", "alice", due, ticketUrl, null);
	}

}

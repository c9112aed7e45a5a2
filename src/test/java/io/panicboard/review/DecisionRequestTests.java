package io.panicboard.review;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static DecisionRequest techDebt(String due, String ticketUrl) {
		return new DecisionRequest("tech_debt", "alice", due, ticketUrl, null);
	}

}

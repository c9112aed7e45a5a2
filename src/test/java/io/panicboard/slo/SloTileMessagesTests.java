package io.panicboard.slo;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview tile's SLO badge counts in the singular and the plural.
 */
class SloTileMessagesTests {

	private final ResourceBundleMessageSource messages = messages();

	@Test
	void countsOneSloInTheSingularAndMoreInThePlural() {
		assertThat(tile("healthy", 1)).isEqualTo("SLO healthy");
		assertThat(tile("healthy", 3)).isEqualTo("3 SLOs healthy");
		assertThat(tile("burning", 1)).isEqualTo("SLO burning (1 SLO)");
		assertThat(tile("burning", 2)).isEqualTo("SLO burning (2 SLOs)");
		assertThat(tile("exhausted", 1)).isEqualTo("SLO budget exhausted (1 SLO)");
		assertThat(tile("exhausted", 12)).isEqualTo("SLO budget exhausted (12 SLOs)");
	}

	private String tile(String state, int count) {
		return this.messages.getMessage("slo.tile." + state, new Object[] { count }, Locale.ENGLISH);
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}

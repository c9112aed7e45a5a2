package io.panicboard.alert;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelSettingsTests {

	@Test
	void urlsAreAbsoluteHttpUrlsWithAHostLikeEveryOtherLink() {
		for (String url : new String[] { "https://hooks.example/x", "http://127.0.0.1:9093",
				"HTTPS://hooks.example/x" }) {
			assertThat(ChannelSettings.isHttpUrl(url)).as(url).isTrue();
		}
		for (String url : new String[] { null, "", " ", "javascript:alert(1)", "/hook", "https:///x", "ftp://h/x",
				"https://hooks.example/" + "x".repeat(ChannelSettings.MAX_URL_LENGTH) }) {
			assertThat(ChannelSettings.isHttpUrl(url)).as(url).isFalse();
		}
	}

}

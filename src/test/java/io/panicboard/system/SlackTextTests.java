package io.panicboard.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackTextTests {

	@Test
	void escapesSlacksThreeControlCharacters() {
		assertThat(SlackText.escape("<!channel> & <https://evil.example|x>"))
			.isEqualTo("&lt;!channel&gt; &amp; &lt;https://evil.example|x&gt;");
	}

	@Test
	void keepsALinksTargetInsideTheLink() {
		assertThat(SlackText.link("https://ok.example/x|Fake> <https://evil.example/?a=1&b=2", "How <to> fix it"))
			.isEqualTo("<https://ok.example/x%7CFake%3E %3Chttps://evil.example/?a=1&amp;b=2|How &lt;to&gt; fix it>");
	}

	@Test
	void acceptsOnlyAbsoluteHttpUrls() {
		assertThat(HttpUrls.isAbsoluteHttp("https://wiki.example/run?a=1&b=2")).isTrue();
		assertThat(HttpUrls.isAbsoluteHttp("HTTP://wiki.example/")).isTrue();
		assertThat(HttpUrls.isAbsoluteHttp("javascript:alert(1)")).isFalse();
		assertThat(HttpUrls.isAbsoluteHttp("/kinds/nil_map_write")).isFalse();
		assertThat(HttpUrls.isAbsoluteHttp("https:///no-host")).isFalse();
		assertThat(HttpUrls.isAbsoluteHttp("https://ok.example/x|y")).isFalse();
		assertThat(HttpUrls.isAbsoluteHttp(null)).isFalse();
	}

}

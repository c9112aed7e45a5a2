package io.panicboard.system;

/**
 * Text for Slack's mrkdwn (incoming webhooks): the alert notifications and the weekly
 * review's summary put text from crashes and rules through here.
 */
public final class SlackText {

	private SlackText() {
	}

	/**
	 * Escapes the three characters Slack's mrkdwn treats as control characters, so that a
	 * text cannot mention {@code <!channel>} or hide a link.
	 * @param text the text
	 * @return the text with {@code &}, {@code <} and {@code >} as entities
	 */
	public static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * A mrkdwn link ({@code <url|label>}) whose target cannot end the link early: a
	 * {@code |}, {@code <} or {@code >} in the URL is percent-encoded, {@code &} escaped.
	 * @param url an absolute http or https URL (see {@link HttpUrls#isAbsoluteHttp})
	 * @param label the link's text, escaped here
	 * @return the link
	 */
	public static String link(String url, String label) {
		String target = url.replace("&", "&amp;").replace("|", "%7C").replace("<", "%3C").replace(">", "%3E");
		return "<" + target + "|" + escape(label) + ">";
	}

}

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

}

package io.panicboard.incident;

/**
 * A timeline entry in words.
 *
 * @param iso when, RFC 3339
 * @param at when, as shown
 * @param type the entry type, e.g. {@code acknowledged}
 * @param css the class of the timeline item ({@code first-seen}, {@code regression},
 * {@code resolved}, {@code deploy} or empty)
 * @param text what happened
 * @param actor who did it, or {@code null} for automatic entries
 * @param note the text of a note, or {@code null}
 * @param href a link (another incident, a deploy's page), or {@code null}
 * @param linkText the link's text
 */
record TimelineEntryView(String iso, String at, String type, String css, String text, String actor, String note,
		String href, String linkText) {

}

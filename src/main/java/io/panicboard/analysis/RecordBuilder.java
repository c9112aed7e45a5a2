package io.panicboard.analysis;

/**
 * Collects the lines of one record (a crash or a race report) in slow mode.
 */
interface RecordBuilder {

	/** What a builder made of a line. */
	enum Verdict {

		/** The line belongs to the record. */
		TAKEN,
		/** The line belongs to the record and is its last. */
		TAKEN_LAST,
		/**
		 * The line does not belong here; another writer's line, or the record is over.
		 */
		FOREIGN,
		/** The line starts something else; the record ends before it. */
		ENDS_BEFORE

	}

	/**
	 * Offers the next line.
	 * @param content the line without collector prefixes
	 * @return the verdict
	 */
	Verdict accept(String content);

	/**
	 * Offers the next line, which was cut at the line limit: its end was not read. A
	 * function line cut inside its arguments is still a frame; a taken cut line is
	 * flagged in {@link Truncation#lines()}.
	 * @param content the line without collector prefixes
	 * @return the verdict
	 */
	Verdict acceptCut(String content);

	/**
	 * Tells the builder that no stack follows the lines it is about to be offered, so a
	 * panic value offered before them does not go on into them (net/http's panic line
	 * without the goroutines that should follow it).
	 */
	default void noStackFollows() {
	}

	/** Whether the record has enough to become a finding. */
	boolean complete();

	/**
	 * Builds the finding.
	 * @param incomplete whether the input stopped in the middle of one of the record's
	 * lines
	 * @return the finding, or {@code null} when the lines were not a record after all
	 */
	Finding finish(boolean incomplete);

}

package io.panicboard.slo;

/**
 * What an indicator counted over a range: bad events, and all events (for a crash budget
 * only the crashes, {@code bad}, count).
 *
 * @param bad crashes, crashed instance-minutes, slow GC cycles or late incidents
 * @param total all events of the range (instance-minutes, GC cycles, decided incidents)
 */
record Events(long bad, long total) {

	static final Events NONE = new Events(0, 0);

}

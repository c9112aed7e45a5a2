package io.panicboard.memory;

/**
 * What storing a memory sample derived.
 *
 * @param pauses GC pauses stored from the ring buffer
 * @param lostPauses cycles since the previous sample that the ring no longer held, or
 * whose end time lay outside the stored range
 * @param restarted whether {@code NumGC} went backwards since the previous sample
 */
public record RecordedMemorySample(int pauses, long lostPauses, boolean restarted) {
}

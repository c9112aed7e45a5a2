package io.panicboard.memory;

/**
 * Stores expvar memory samples and the GC pauses derived from them; commits before it
 * returns.
 */
public interface MemorySampleRecorder {

	/**
	 * Stores a sample and the pauses since the instance's previous sample, in one
	 * transaction, serialized per instance.
	 * @param sample the sample
	 * @return what was derived
	 */
	RecordedMemorySample record(NewMemorySample sample);

}

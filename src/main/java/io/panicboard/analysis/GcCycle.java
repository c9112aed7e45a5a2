package io.panicboard.analysis;

/**
 * One {@code GODEBUG=gctrace=1} line.
 *
 * @param number the GC cycle number
 * @param atSeconds seconds since the program started
 * @param cpuPercent share of CPU used by GC since start
 * @param clockSweepTerminationMs wall time of the stop-the-world sweep termination
 * @param clockMarkMs wall time of concurrent mark and scan
 * @param clockMarkTerminationMs wall time of the stop-the-world mark termination
 * @param cpuSweepTerminationMs CPU time of sweep termination
 * @param cpuAssistMs CPU time of mutator assists
 * @param cpuBackgroundMs CPU time of background mark workers
 * @param cpuIdleMs CPU time of idle mark workers
 * @param cpuMarkTerminationMs CPU time of mark termination
 * @param heapBeforeMb heap size at GC start
 * @param heapAfterMb heap size at GC end
 * @param heapLiveMb live heap
 * @param goalMb the heap goal
 * @param stacksMb scannable stack size, {@code null} in the pre-1.18 grammar
 * @param globalsMb scannable globals size, {@code null} in the pre-1.18 grammar
 * @param procs processors used (GOMAXPROCS)
 * @param forced whether the cycle was forced ({@code runtime.GC()})
 */
public record GcCycle(long number, double atSeconds, int cpuPercent, double clockSweepTerminationMs, double clockMarkMs,
		double clockMarkTerminationMs, double cpuSweepTerminationMs, double cpuAssistMs, double cpuBackgroundMs,
		double cpuIdleMs, double cpuMarkTerminationMs, long heapBeforeMb, long heapAfterMb, long heapLiveMb,
		long goalMb, Long stacksMb, Long globalsMb, int procs, boolean forced) {

	/**
	 * The total stop-the-world pause: sweep termination plus mark termination.
	 * @return the pause in milliseconds
	 */
	public double pauseMs() {
		return this.clockSweepTerminationMs + this.clockMarkTerminationMs;
	}

}

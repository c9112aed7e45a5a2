package io.panicboard.analysis;

/**
 * One scavenger trace line: {@code scav} ({@code GODEBUG=scavtrace=1}, Go 1.19+) or the
 * older {@code scvg} form. Fields the printed grammar lacks are {@code null}.
 *
 * @param workKib memory returned to the OS since the last line (1.19 grammar)
 * @param backgroundWorkKib memory returned by the background scavenger (1.21+)
 * @param eagerWorkKib memory returned eagerly (1.21+)
 * @param totalKib memory released to the OS at the time of the line, not a running total
 * (1.19: {@code total}, 1.21+: {@code now})
 * @param utilPercent heap utilisation
 * @param forced whether the line says {@code (forced)}
 * @param controllerReset whether the line says {@code [controller reset]}
 * @param releasedMb released memory of an old {@code scvg} line
 * @param inuseMb in-use memory of an old {@code scvg} line
 */
public record Scavenge(Long workKib, Long backgroundWorkKib, Long eagerWorkKib, Long totalKib, Integer utilPercent,
		boolean forced, boolean controllerReset, Long releasedMb, Long inuseMb) {
}

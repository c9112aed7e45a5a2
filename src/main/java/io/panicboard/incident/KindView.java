package io.panicboard.incident;

/**
 * What a page shows about a kind: its badge, plain-language explanation and fix recipe,
 * as message keys.
 *
 * @param id the wire name, e.g. {@code nil_map_write}
 * @param severity the kind's default severity, for the badge colour
 * @param memorySafety whether the kind belongs to the memory-safety family
 * @param concurrentMap whether the map protection options apply (concurrent map faults)
 * @param nameKey the key of the kind's short name
 * @param explainKey the key of what happened
 * @param fixKey the key of how to fix it
 * @param codeKey the key of a Go example, or {@code null} when the kind has none
 */
record KindView(String id, String severity, boolean memorySafety, boolean concurrentMap, String nameKey,
		String explainKey, String fixKey, String codeKey) {

}

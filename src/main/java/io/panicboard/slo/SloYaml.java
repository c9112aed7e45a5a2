package io.panicboard.slo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads and writes YAML with SnakeYAML: documents are read with the safe constructor
 * (plain maps, lists, strings, numbers and booleans only, no Java types, aliases limited)
 * and written in block style, decimals as plain decimals ({@code 0.00005}, not
 * {@code 5E-5}).
 */
final class SloYaml {

	private static final int MAX_ALIASES = 10;

	private SloYaml() {
	}

	/**
	 * Writes documents, separated by {@code ---}.
	 * @param documents the documents
	 * @return the YAML
	 */
	static String write(List<? extends Map<String, ?>> documents) {
		return yaml().dumpAll(documents.iterator());
	}

	/**
	 * Writes one document.
	 * @param document the document
	 * @return the YAML
	 */
	static String write(Map<String, ?> document) {
		return yaml().dump(document);
	}

	/**
	 * Reads every document of a YAML stream; empty documents are skipped.
	 * @param text the YAML
	 * @return the documents
	 * @throws IllegalArgumentException when the text is not YAML
	 */
	static List<Object> read(String text) {
		try {
			List<Object> documents = new ArrayList<>();
			for (Object document : yaml().loadAll(text)) {
				if (document != null) {
					documents.add(document);
				}
			}
			return documents;
		}
		catch (YAMLException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	private static Yaml yaml() {
		LoaderOptions loading = new LoaderOptions();
		loading.setMaxAliasesForCollections(MAX_ALIASES);
		loading.setAllowDuplicateKeys(false);
		loading.setCodePointLimit(1024 * 1024);
		DumperOptions dumping = new DumperOptions();
		dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		dumping.setIndicatorIndent(2);
		dumping.setIndentWithIndicator(true);
		return new Yaml(new SafeConstructor(loading), new PlainDecimals(dumping), dumping, loading);
	}

	private static final class PlainDecimals extends Representer {

		PlainDecimals(DumperOptions options) {
			super(options);
			this.representers.put(BigDecimal.class,
					(data) -> representScalar(Tag.FLOAT, ((BigDecimal) data).toPlainString()));
		}

	}

}

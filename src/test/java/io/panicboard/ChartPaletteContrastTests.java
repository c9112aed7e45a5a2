package io.panicboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart series colours ({@code --k1} … {@code --k8}, which {@code charts.js} and the
 * legends' swatches read from the stylesheet) stand out from the page's backgrounds by at
 * least 3:1 in the light and in the dark colour scheme: WCAG 1.4.11 (non-text contrast),
 * which axe does not check on a canvas.
 */
class ChartPaletteContrastTests {

	private static final Pattern DECLARATION = Pattern
		.compile("(--[a-z0-9-]+):\\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\\b");

	@Test
	void everySeriesColourHasThreeToOneOnTheBackgroundsOfBothSchemes() throws IOException {
		String css = new ClassPathResource("static/css/panicboard.css").getContentAsString(StandardCharsets.UTF_8);
		int dark = css.indexOf("@media (prefers-color-scheme: dark)");
		assertThat(dark).isPositive();
		Map<String, String> light = colours(css.substring(0, dark));
		Map<String, String> darkScheme = new LinkedHashMap<>(light);
		darkScheme.putAll(colours(css.substring(dark, css.indexOf("}\n}", dark))));
		List<String> tooLow = new ArrayList<>();
		for (Map<String, String> scheme : List.of(light, darkScheme)) {
			String name = (scheme == light) ? "light" : "dark";
			for (int k = 1; k <= 8; k++) {
				String series = scheme.get("--k" + k);
				assertThat(series).as("--k" + k + " in the " + name + " scheme").isNotNull();
				for (String background : List.of("--surface", "--bg")) {
					double ratio = contrast(series, scheme.get(background));
					if (ratio < 3) {
						tooLow.add(String.format("--k%d %s on %s %s (%s): %.2f:1", k, series, background,
								scheme.get(background), name, ratio));
					}
				}
			}
		}
		assertThat(tooLow).as("series colours under 3:1").isEmpty();
	}

	@Test
	void contrastIsWcagsFormula() {
		assertThat(contrast("#000000", "#ffffff")).isEqualTo(21.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(contrast("#1d4ed8", "#1a2029")).isLessThan(3);
		assertThat(contrast("#767676", "#ffffff")).isGreaterThan(4.5).isLessThan(4.6);
	}

	private static Map<String, String> colours(String block) {
		Map<String, String> colours = new LinkedHashMap<>();
		Matcher m = DECLARATION.matcher(block);
		while (m.find()) {
			String hex = m.group(2);
			colours.put(m.group(1), "#" + ((hex.length() == 3) ? hex.replaceAll("(.)", "$1$1") : hex));
		}
		return colours;
	}

	private static double contrast(String a, String b) {
		double la = luminance(a);
		double lb = luminance(b);
		return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
	}

	private static double luminance(String hex) {
		double[] c = new double[3];
		for (int i = 0; i < 3; i++) {
			double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
			c[i] = (v <= 0.03928) ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	}

}

package io.panicboard.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.panicboard.analysis.Finding;
import io.panicboard.analysis.FindingType;
import io.panicboard.analysis.GcCycle;
import io.panicboard.analysis.Kind;
import io.panicboard.analysis.TraceAnalyzer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /analyze}: paste a trace or a log and see every crash and race in it with the
 * incident page's views. Nothing is stored; any signed-in user may use it.
 */
@Controller
@RequestMapping("/analyze")
class AnalyzePageController {

	static final int GC_TABLE_ROWS = 50;

	private final TraceAnalyzer analyzer;

	private final FindingViews findings;

	private final KindGuide kinds;

	private final IncidentPageProperties properties;

	private final MessageSource messages;

	AnalyzePageController(ObjectProvider<TraceAnalyzer> analyzer, FindingViews findings, KindGuide kinds,
			IncidentPageProperties properties, MessageSource messages) {
		this.analyzer = analyzer.getIfAvailable(TraceAnalyzer::new);
		this.findings = findings;
		this.kinds = kinds;
		this.properties = properties;
		this.messages = messages;
	}

	@GetMapping
	ModelAndView form() {
		return view("", null, null, HttpStatus.OK);
	}

	@PostMapping
	ModelAndView analyze(@RequestParam(defaultValue = "") String text, Locale locale) {
		long max = this.properties.maxAnalyzeSize().toBytes();
		if (utf8Length(text, max) > max) {
			return view("", null, text("analyze.error.tooLarge", locale, megabytes(max)), HttpStatus.CONTENT_TOO_LARGE);
		}
		if (text.isBlank()) {
			return view(text, null, text("analyze.error.empty", locale), HttpStatus.BAD_REQUEST);
		}
		return view(text, result(this.analyzer.analyze(text), locale), null, HttpStatus.OK);
	}

	private AnalyzeResult result(List<Finding> found, Locale locale) {
		List<FindingView> shown = new ArrayList<>();
		int more = 0;
		int cycles = 0;
		int scavenger = 0;
		List<GcCycle> firstCycles = new ArrayList<>();
		for (Finding finding : found) {
			if (finding.type() == FindingType.GC) {
				if (finding.gc() != null) {
					cycles++;
					if (firstCycles.size() < GC_TABLE_ROWS) {
						firstCycles.add(finding.gc());
					}
				}
				else {
					scavenger++;
				}
			}
			else if (shown.size() < this.properties.maxAnalyzeFindings()) {
				shown.add(this.findings.of(finding, SourceLinks.NONE, locale));
			}
			else {
				more++;
			}
		}
		return new AnalyzeResult(shown, more, cycles, scavenger, firstCycles, this.kinds.of(Kind.GCTRACE));
	}

	private ModelAndView view(String text, AnalyzeResult result, String error, HttpStatus status) {
		ModelAndView view = new ModelAndView("incident/analyze", status);
		view.addObject("text", text);
		view.addObject("result", result);
		view.addObject("error", error);
		view.addObject("maxSize", megabytes(this.properties.maxAnalyzeSize().toBytes()));
		return view;
	}

	/** The UTF-8 length of a text, counted no further than just past {@code limit}. */
	static long utf8Length(String text, long limit) {
		long length = 0;
		for (int i = 0; i < text.length() && length <= limit; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length += 1;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				length += 4;
				i++;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

	private static String megabytes(long bytes) {
		return (bytes % (1024 * 1024) == 0) ? (bytes / (1024 * 1024)) + " MiB" : bytes + " bytes";
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}

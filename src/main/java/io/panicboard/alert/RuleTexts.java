package io.panicboard.alert;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Rules in words for the alert pages: "≥ 3 in 1 h", "heap live > 512 MiB for 5 min".
 */
@Component
class RuleTexts {

	private static final long MIB = 1024 * 1024;

	private final MessageSource messages;

	RuleTexts(MessageSource messages) {
		this.messages = messages;
	}

	String condition(RuleCondition condition, Locale locale) {
		String text = switch (condition.type()) {
			case ANY_OCCURRENCE -> text(locale, "alerts.page.condition.any_occurrence");
			case COUNT_IN_WINDOW -> text(locale, "alerts.page.condition.count_in_window", number(condition.threshold()),
					Durations.words(condition.window()));
			case NEW_FINGERPRINT ->
				text(locale, "alerts.page.condition.new_fingerprint", Durations.words(condition.window()));
			case REGRESSION -> text(locale, "alerts.page.condition.regression", Durations.words(condition.window()));
			case METRIC_THRESHOLD -> text(locale, "alerts.page.condition.metric_threshold",
					text(locale, "alerts.page.metric." + condition.metric()),
					threshold(condition.metric(), condition.threshold()));
			case SLO_BURN_RATE -> (condition.threshold() != null)
					? text(locale, "alerts.page.condition.slo_burn_rate", number(condition.threshold()))
					: text(locale, "alerts.page.condition.slo_burn_rate_any");
		};
		if (condition.forSeconds() > 0) {
			text = text(locale, "alerts.page.condition.for", text, Durations.words(condition.forSeconds()));
		}
		return text;
	}

	/**
	 * The kinds and environments a rule looks at, e.g. "nil_map_write · production".
	 */
	String scope(RuleMatchers matchers, Locale locale) {
		String kinds = matchers.kinds().isEmpty() ? text(locale, "alerts.page.rules.anyKind")
				: String.join(", ", matchers.kinds());
		String environments = matchers.environments().isEmpty() ? text(locale, "alerts.page.rules.anyEnvironment")
				: String.join(", ", matchers.environments());
		String scope = kinds + " · " + environments;
		if (!matchers.services().isEmpty()) {
			scope += " · " + String.join(", ", matchers.services());
		}
		if (Boolean.TRUE.equals(matchers.mapRelated())) {
			scope += " · " + text(locale, "alerts.page.rules.mapRelatedOnly");
		}
		return scope;
	}

	String channels(List<String> channels, Locale locale) {
		return channels.isEmpty() ? text(locale, "alerts.page.rules.defaultChannels") : String.join(", ", channels);
	}

	static String threshold(String metric, Double value) {
		if (value != null && "heap_live_bytes".equals(metric) && value >= MIB && value % MIB == 0) {
			return number(value / MIB) + " MiB";
		}
		return number(value);
	}

	static String number(Double value) {
		return AlertPageController.formatValue(value);
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}

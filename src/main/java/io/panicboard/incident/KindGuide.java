package io.panicboard.incident;

import java.util.Locale;

import io.panicboard.analysis.Kind;
import io.panicboard.analysis.KindFamily;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The explanation and fix recipe of every {@link Kind}, kept as
 * {@code kind.<id>.name|explain|fix|code} messages. A stored kind that this version does
 * not know is shown as {@code other}.
 */
@Component
class KindGuide {

	private final MessageSource messages;

	KindGuide(MessageSource messages) {
		this.messages = messages;
	}

	KindView of(String kindId) {
		return of(Kind.fromId(kindId).orElse(Kind.OTHER));
	}

	KindView of(Kind kind) {
		String prefix = "kind." + kind.id() + ".";
		String code = prefix + "code";
		boolean hasCode = this.messages.getMessage(code, null, null, Locale.ROOT) != null;
		return new KindView(kind.id(), kind.defaultSeverity().id(), kind.family().memorySafety(),
				kind.family() == KindFamily.CONCURRENT_MAP_ACCESS, prefix + "name", prefix + "explain", prefix + "fix",
				hasCode ? code : null);
	}

}

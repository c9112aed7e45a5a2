package io.panicboard.system;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON request bodies are read with their types as written: a number where a string is
 * expected ({@code {"assignee": 5}}), or a string where a number or a boolean is, is a
 * 400 naming the field, not a value converted behind the client's back; nor is a fraction
 * taken for a whole number ({@code {"into": 12.9}}), or a number for a time or a duration
 * (epoch seconds are not RFC 3339, and a bare number is no ISO 8601 duration).
 */
@Configuration(proxyBeanMethods = false)
class JsonTypesConfiguration {

	/** Read from JSON strings only, in the formats the API documents. */
	private static final Set<Class<?>> TIME_TYPES = Set.of(Instant.class, OffsetDateTime.class, Duration.class);

	@Bean
	JsonMapperBuilderCustomizer strictScalarTypes() {
		return (builder) -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.withCoercionConfig(LogicalType.Textual,
					(strings) -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("panicboard-time-as-text").setDeserializerModifier(new TimesAsText()));
	}

	private static final class TimesAsText extends ValueDeserializerModifier {

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier bean,
				ValueDeserializer<?> deserializer) {
			return TIME_TYPES.contains(bean.getBeanClass()) ? new TextOnly(deserializer) : deserializer;
		}

	}

	private static final class TextOnly extends DelegatingDeserializer {

		TextOnly(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new TextOnly(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.hasToken(JsonToken.VALUE_NUMBER_INT) || parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
				return context.handleUnexpectedToken(handledType(), parser);
			}
			return super.deserialize(parser, context);
		}

	}

}

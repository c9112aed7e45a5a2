package io.panicboard.ingest;

import java.util.List;

import io.panicboard.incident.OccurrenceRecorder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every test application context the {@link TestRecorders} while the application
 * has no recorders of its own (the incident and memory modules provide them); once it
 * has, or in a slice without JDBC, this does nothing. Registered in
 * {@code META-INF/spring.factories}.
 */
class TestRecordersContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new Customizer();
	}

	private static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			if (context instanceof BeanDefinitionRegistry registry) {
				// a bean definition, not addBeanFactoryPostProcessor: it must run after
				// component scanning has registered the application's own recorders
				registry.registerBeanDefinition(Registrar.class.getName(), new RootBeanDefinition(Registrar.class));
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

	static final class Registrar implements BeanDefinitionRegistryPostProcessor {

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
			if (registry instanceof ListableBeanFactory factory
					&& factory.getBeanNamesForType(OccurrenceRecorder.class, true, false).length == 0
					&& factory.getBeanNamesForType(JdbcClient.class, true, false).length > 0) {
				registry.registerBeanDefinition("testOccurrenceRecorder",
						new RootBeanDefinition(TestRecorders.Occurrences.class));
				registry.registerBeanDefinition("testGcCycleRecorder",
						new RootBeanDefinition(TestRecorders.GcCycles.class));
				registry.registerBeanDefinition("testServiceCatalog",
						new RootBeanDefinition(TestRecorders.Services.class));
				registry.registerBeanDefinition("testDeployRecorder",
						new RootBeanDefinition(TestRecorders.Deploys.class));
			}
		}

	}

}

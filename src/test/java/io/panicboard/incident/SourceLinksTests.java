package io.panicboard.incident;

import java.util.List;

import io.panicboard.analysis.Frame;
import io.panicboard.analysis.FrameOrigin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceLinksTests {

	private static final String TEMPLATE = "https://github.com/acme/orders/blob/{version}/{path}#L{line}";

	@Test
	void linksAPackageBelowTheModulePathRelativeToTheModuleRoot() {
		SourceLinks links = new SourceLinks(TEMPLATE, "v1.4.2", List.of("github.com/acme/orders/"));
		assertThat(
				links.link(frame("github.com/acme/orders/internal/store", "/src/orders/internal/store/index.go", 42)))
			.isEqualTo("https://github.com/acme/orders/blob/v1.4.2/internal/store/index.go#L42");
		assertThat(links.link(frame("github.com/acme/orders", "github.com/acme/orders/orders.go", 7)))
			.isEqualTo("https://github.com/acme/orders/blob/v1.4.2/orders.go#L7");
	}

	@Test
	void placesMainPackageFilesThroughTheRootOtherFramesReveal() {
		SourceLinks links = new SourceLinks(TEMPLATE, "1.0", List.of("github.com/acme/orders"));
		Frame store = frame("github.com/acme/orders/store", "/home/ci/work/orders/store/index.go", 3);
		Frame main = frame("main", "/home/ci/work/orders/cmd/orders/main.go", 8);
		assertThat(links.link(main)).isNull();
		assertThat(links.learnRoots(List.of(store, main)).link(main))
			.isEqualTo("https://github.com/acme/orders/blob/1.0/cmd/orders/main.go#L8");
	}

	@Test
	void givesNoLinkRatherThanAWrongOne() {
		SourceLinks links = new SourceLinks(TEMPLATE, "1.0", List.of("github.com/acme"));
		assertThat(links.link(frame("github.com/acme/orders/store", "/src/elsewhere/index.go", 3))).isNull();
		assertThat(new SourceLinks(TEMPLATE, null, List.of("github.com/acme/orders"))
			.link(frame("github.com/acme/orders/store", "/src/orders/store/index.go", 3))).isNull();
		assertThat(new SourceLinks("javascript:alert(1)//{path}", "1.0", List.of("github.com/acme/orders"))
			.link(frame("github.com/acme/orders/store", "/src/orders/store/index.go", 3))).isNull();
		assertThat(new SourceLinks(TEMPLATE, "1.0", List.of("github.com/acme/orders")).link(new Frame("runtime.main",
				"runtime", null, false, "main", "", "/usr/lib/go/src/runtime/proc.go", 1, null, FrameOrigin.RUNTIME)))
			.isNull();
		assertThat(SourceLinks.NONE.link(frame("main", "/src/main.go", 1))).isNull();
	}

	@Test
	void encodesWhatItPutsIntoTheUrl() {
		SourceLinks links = new SourceLinks("https://code.example.com/view?f={file}&l={line}&v={version}", "1.0 rc",
				List.of());
		assertThat(links.link(frame("main", "/src/\"><img src=x>/main.go", 8)))
			.isEqualTo("https://code.example.com/view?f=/src/%22%3E%3Cimg%20src=x%3E/main.go&l=8&v=1.0%20rc");
	}

	private static Frame frame(String packagePath, String file, int line) {
		String function = packagePath + ".Run";
		return new Frame(function, packagePath, null, false, "Run", "", file, line, "0x10", FrameOrigin.APPLICATION);
	}

}

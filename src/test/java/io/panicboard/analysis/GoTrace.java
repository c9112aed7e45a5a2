package io.panicboard.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes a Go traceback of one bug in the service {@code github.com/acme/x} the way
 * different builds, runs and Go versions print it: the call site stays the same, while
 * goroutine ids, addresses, arguments, offsets, line numbers, build paths, the other
 * goroutines and the version-specific formatting vary.
 */
final class GoTrace {

	enum Version {

		/** {@code created by F}, {@code runtime.goexit()}, hex-word arguments. */
		GO119,
		/** {@code created by F in goroutine N}. */
		GO121,
		/**
		 * {@code gowrapN} frames, {@code runtime.goexit({})} and, at the system level,
		 * {@code gp= m=} goroutine headers.
		 */
		GO122

	}

	enum Paths {

		GOPATH("/home/a/go/src/github.com/acme/x", "/usr/local/go/src"),
		MODULE_CACHE("/root/go/pkg/mod/github.com/acme/x@v1.2.3", "/usr/local/go/src"),
		BUILD("/build", "/usr/local/go/src"), TRIMPATH("github.com/acme/x", "");

		final String module;

		final String goroot;

		Paths(String module, String goroot) {
			this.module = module;
			this.goroot = goroot;
		}

		String std(String file) {
			return this.goroot.isEmpty() ? file : this.goroot + "/" + file;
		}

	}

	enum Args {

		HEX, AGGREGATE, ELIDED

	}

	String header = "panic: assignment to entry in nil map";

	String topFunction = "github.com/acme/x/store.(*Index).Add";

	Version version = Version.GO119;

	Paths paths = Paths.GOPATH;

	Args args = Args.HEX;

	int lineShift;

	long goroutineId = 7;

	int otherGoroutines;

	boolean system;

	long seed = 1;

	GoTrace header(String newHeader) {
		this.header = newHeader;
		return this;
	}

	GoTrace top(String function) {
		this.topFunction = function;
		return this;
	}

	GoTrace version(Version newVersion) {
		this.version = newVersion;
		return this;
	}

	GoTrace paths(Paths newPaths) {
		this.paths = newPaths;
		return this;
	}

	GoTrace args(Args newArgs) {
		this.args = newArgs;
		return this;
	}

	GoTrace lineShift(int shift) {
		this.lineShift = shift;
		return this;
	}

	GoTrace goroutineId(long id) {
		this.goroutineId = id;
		return this;
	}

	GoTrace otherGoroutines(int count) {
		this.otherGoroutines = count;
		return this;
	}

	GoTrace system(boolean tracebackSystem) {
		this.system = tracebackSystem;
		return this;
	}

	GoTrace seed(long newSeed) {
		this.seed = newSeed;
		return this;
	}

	String render() {
		Random random = new Random(this.seed);
		StringBuilder out = new StringBuilder();
		out.append(this.header).append('\n');
		if (this.header.contains("nil pointer")) {
			out.append("[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x")
				.append(hex(random, 6))
				.append("]\n");
		}
		out.append('\n');
		String m = this.paths.module;
		List<String> crashing = new ArrayList<>();
		if (this.system) {
			crashing.add(frame(random, "panic", "{0x" + hex(random, 6) + ", 0x" + hex(random, 6) + "}",
					this.paths.std("runtime/panic.go"), 987));
			crashing.add(frame(random, "runtime.mapassign_faststr",
					"0x" + hex(random, 6) + "?, 0xc000" + hex(random, 6) + "?, {0x" + hex(random, 6) + ", 0x5}",
					this.paths.std("runtime/map_faststr.go"), 205));
		}
		crashing.add(frame(random, this.topFunction, arguments(random), m + "/store/index.go", 42 + this.lineShift));
		crashing.add(inlined("github.com/acme/x/api.(*Server).record", m + "/api/server.go", 97 + this.lineShift));
		crashing.add(frame(random, "github.com/acme/x/api.(*Server).handle", arguments(random), m + "/api/server.go",
				88 + this.lineShift));
		if (this.version == Version.GO122) {
			crashing.add(frame(random, "github.com/acme/x/api.(*Server).Serve.gowrap1", "", m + "/api/server.go",
					70 + this.lineShift));
		}
		if (this.system) {
			crashing.add(frame(random, "runtime.goexit", (this.version == Version.GO122) ? "{}" : "",
					this.paths.std("runtime/asm_amd64.s"), 1594));
		}
		out.append(goroutineHeader(random, this.goroutineId, "running", true));
		crashing.forEach(out::append);
		out.append(createdBy(random, "github.com/acme/x/api.(*Server).Serve", 1, m + "/api/server.go",
				70 + this.lineShift));
		List<String> others = new ArrayList<>();
		for (int i = 0; i < this.otherGoroutines; i++) {
			others.add(otherGoroutine(random, i));
		}
		Collections.shuffle(others, random);
		for (String other : others) {
			out.append('\n').append(other);
		}
		return out.toString();
	}

	private String otherGoroutine(Random random, int index) {
		String m = this.paths.module;
		long id = this.goroutineId + 10 + index * 3L + random.nextInt(3);
		StringBuilder out = new StringBuilder();
		switch (index % 3) {
			case 0 -> {
				out.append(goroutineHeader(random, (index == 0) ? 1 : id, "chan receive", false));
				out.append(frame(random, "main.main", "", m + "/cmd/x/main.go", 31 + this.lineShift));
			}
			case 1 -> {
				out.append(goroutineHeader(random, id, "IO wait", false));
				out.append(frame(random, "internal/poll.runtime_pollWait", "0x7f" + hex(random, 8) + ", 0x72",
						this.paths.std("runtime/netpoll.go"), 343));
				out.append(frame(random, "net/http.(*conn).serve", arguments(random),
						this.paths.std("net/http/server.go"), 2009));
				out.append(
						createdBy(random, "net/http.(*Server).Serve", 1, this.paths.std("net/http/server.go"), 3086));
			}
			default -> {
				out.append(goroutineHeader(random, id, "runnable", false));
				out.append(frame(random, "github.com/acme/x/store.(*Index).Add", arguments(random),
						m + "/store/index.go", 40 + this.lineShift));
				out.append(frame(random, "github.com/acme/x/api.(*Server).handle", arguments(random),
						m + "/api/server.go", 88 + this.lineShift));
				out.append(createdBy(random, "github.com/acme/x/api.(*Server).Serve", 1, m + "/api/server.go",
						70 + this.lineShift));
			}
		}
		return out.toString();
	}

	private String goroutineHeader(Random random, long id, String state, boolean onM) {
		if (this.version == Version.GO122 && this.system) {
			String m = onM ? "m=" + random.nextInt(4) + " mp=0xc000" + hex(random, 6) : "m=nil";
			return "goroutine " + id + " gp=0xc000" + hex(random, 6) + " " + m + " [" + state + "]:\n";
		}
		return "goroutine " + id + " [" + state + "]:\n";
	}

	private String arguments(Random random) {
		return switch (this.args) {
			case HEX -> "0xc000" + hex(random, 6) + ", 0x" + Integer.toHexString(1 + random.nextInt(200));
			case AGGREGATE -> "{0x" + hex(random, 6) + ", 0x" + Integer.toHexString(1 + random.nextInt(20))
					+ "}, 0xc000" + hex(random, 6) + "?";
			case ELIDED -> "...";
		};
	}

	private String frame(Random random, String function, String arguments, String file, int line) {
		String location = "\t" + file + ":" + line + " +0x" + Integer.toHexString(1 + random.nextInt(0x3ff));
		if (this.system) {
			location += " fp=0xc000" + hex(random, 6) + " sp=0xc000" + hex(random, 6) + " pc=0x" + hex(random, 6);
		}
		return function + "(" + arguments + ")\n" + location + "\n";
	}

	private static String inlined(String function, String file, int line) {
		return function + "(...)\n\t" + file + ":" + line + "\n";
	}

	private String createdBy(Random random, String function, long parent, String file, int line) {
		String suffix = (this.version == Version.GO119) ? "" : " in goroutine " + parent;
		return "created by " + function + suffix + "\n\t" + file + ":" + line + " +0x"
				+ Integer.toHexString(1 + random.nextInt(0xff)) + "\n";
	}

	private static String hex(Random random, int digits) {
		StringBuilder out = new StringBuilder(digits);
		for (int i = 0; i < digits; i++) {
			out.append(Character.forDigit(random.nextInt(16), 16));
		}
		return out.toString();
	}

}

package io.panicboard.analysis;

/**
 * Parses gctrace lines and scavenger lines with a cursor, field by field.
 * <p>
 * {@code gc 12 @3.456s 2%: 0.010+1.2+0.004 ms clock, 0.04+0.3/1.1/2.0+0.016 ms cpu,
 * 4->5->2 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 4 P (forced)}; the pre-1.18 grammar
 * lacks the stacks and globals fields.
 */
final class GcLines {

	private GcLines() {
	}

	/** Finds and parses a gctrace line inside a line; {@code null} when there is none. */
	static GcCycle gc(String line) {
		int at = line.indexOf("gc ");
		while (at >= 0) {
			if (at == 0 || !Character.isLetterOrDigit(line.charAt(at - 1))) {
				GcCycle cycle = parseGc(new Cursor(line, at + 3));
				if (cycle != null) {
					return cycle;
				}
			}
			at = line.indexOf("gc ", at + 1);
		}
		return null;
	}

	private static GcCycle parseGc(Cursor c) {
		long number = c.integer();
		if (number < 0 || !c.skip(" @")) {
			return null;
		}
		double at = c.decimal();
		if (Double.isNaN(at) || !c.skip("s ")) {
			return null;
		}
		long cpu = c.integer();
		if (cpu < 0 || !c.skip("%: ")) {
			return null;
		}
		double[] clock = c.decimals('+', 3);
		if (clock == null || !c.skip(" ms clock, ")) {
			return null;
		}
		double sweep = c.decimal();
		if (!c.skip("+")) {
			return null;
		}
		double[] mark = c.decimals('/', 3);
		if (mark == null || !c.skip("+")) {
			return null;
		}
		double markTermination = c.decimal();
		if (Double.isNaN(sweep) || Double.isNaN(markTermination) || !c.skip(" ms cpu, ")) {
			return null;
		}
		long before = c.integer();
		if (!c.skip("->")) {
			return null;
		}
		long after = c.integer();
		if (!c.skip("->")) {
			return null;
		}
		long live = c.integer();
		if (!c.skip(" MB, ")) {
			return null;
		}
		long goal = c.integer();
		if (before < 0 || after < 0 || live < 0 || goal < 0 || !c.skip(" MB goal, ")) {
			return null;
		}
		Long stacks = null;
		Long globals = null;
		long procs = c.integer();
		if (c.skip(" MB stacks, ")) {
			stacks = procs;
			globals = c.integer();
			if (globals < 0 || !c.skip(" MB globals, ")) {
				return null;
			}
			procs = c.integer();
		}
		if (procs < 0 || !c.skip(" P")) {
			return null;
		}
		boolean forced = c.skip(" (forced)");
		return new GcCycle(number, at, (int) Math.min(cpu, Integer.MAX_VALUE), clock[0], clock[1], clock[2], sweep,
				mark[0], mark[1], mark[2], markTermination, before, after, live, goal, stacks, globals,
				(int) Math.min(procs, Integer.MAX_VALUE), forced);
	}

	/**
	 * Finds and parses a scavenger line: {@code scav 12 KiB work, 3 KiB total, 97% util}
	 * (1.19), {@code scav 0 KiB work (bg), 0 KiB work (eager), 1234 KiB now, 99% util}
	 * (1.21+), or the old {@code scvg0: inuse: 4, idle: 0, sys: 4, released: 0,
	 * consumed: 4 (MB)} and {@code scvg: 2 MB released}.
	 */
	static Scavenge scavenge(String line) {
		int at = line.indexOf("scav ");
		if (at >= 0 && (at == 0 || !Character.isLetterOrDigit(line.charAt(at - 1)))) {
			return parseScav(new Cursor(line, at + 5));
		}
		at = line.indexOf("scvg");
		if (at >= 0 && (at == 0 || !Character.isLetterOrDigit(line.charAt(at - 1)))) {
			return parseScvg(line.substring(at + 4));
		}
		return null;
	}

	private static Scavenge parseScav(Cursor c) {
		long work = c.integer();
		if (work < 0 || !c.skip(" KiB work")) {
			return null;
		}
		Long background = null;
		Long eager = null;
		Long total;
		Long plain = null;
		if (c.skip(" (bg), ")) {
			background = work;
			eager = c.integer();
			if (eager < 0 || !c.skip(" KiB work (eager), ")) {
				return null;
			}
			total = c.integer();
			if (total < 0 || !c.skip(" KiB now, ")) {
				return null;
			}
		}
		else if (c.skip(", ")) {
			plain = work;
			total = c.integer();
			if (total < 0 || !c.skip(" KiB total, ")) {
				return null;
			}
		}
		else {
			return null;
		}
		long util = c.integer();
		if (util < 0 || !c.skip("% util")) {
			return null;
		}
		boolean forced = c.skip(" (forced)");
		boolean reset = c.skip(" [controller reset]");
		return new Scavenge(plain, background, eager, total, (int) Math.min(util, 100_000), forced, reset, null, null);
	}

	private static Scavenge parseScvg(String rest) {
		int released = rest.indexOf(" MB released");
		if (rest.startsWith(": ") && released > 2) {
			long mb = TraceGrammar.parseLongOr(rest.substring(2, released), -1);
			return (mb < 0) ? null : new Scavenge(null, null, null, null, null, false, false, mb, null);
		}
		int inuse = rest.indexOf(": inuse: ");
		if (inuse < 0) {
			return null;
		}
		Cursor c = new Cursor(rest, inuse + 9);
		long inuseMb = c.integer();
		int rel = rest.indexOf("released: ");
		long releasedMb = (rel > 0) ? new Cursor(rest, rel + 10).integer() : -1;
		if (inuseMb < 0) {
			return null;
		}
		boolean forced = rest.contains("(forced)");
		return new Scavenge(null, null, null, null, null, forced, false, (releasedMb < 0) ? null : releasedMb, inuseMb);
	}

	/**
	 * A position in a line with small parsing steps; each returns -1 or NaN on no match.
	 */
	private static final class Cursor {

		private final String s;

		private int i;

		Cursor(String s, int i) {
			this.s = s;
			this.i = i;
		}

		boolean skip(String expected) {
			if (this.s.startsWith(expected, this.i)) {
				this.i += expected.length();
				return true;
			}
			return false;
		}

		long integer() {
			int start = this.i;
			long value = 0;
			while (this.i < this.s.length() && TraceGrammar.isDigit(this.s.charAt(this.i)) && this.i - start < 18) {
				value = value * 10 + (this.s.charAt(this.i) - '0');
				this.i++;
			}
			return (this.i == start) ? -1 : value;
		}

		double decimal() {
			int start = this.i;
			while (this.i < this.s.length() && this.i - start < 32
					&& (TraceGrammar.isDigit(this.s.charAt(this.i)) || this.s.charAt(this.i) == '.')) {
				this.i++;
			}
			if (this.i == start) {
				return Double.NaN;
			}
			try {
				return Double.parseDouble(this.s.substring(start, this.i));
			}
			catch (NumberFormatException ex) {
				return Double.NaN;
			}
		}

		double[] decimals(char separator, int count) {
			double[] values = new double[count];
			for (int k = 0; k < count; k++) {
				if (k > 0 && !skip(String.valueOf(separator))) {
					return null;
				}
				values[k] = decimal();
				if (Double.isNaN(values[k])) {
					return null;
				}
			}
			return values;
		}

	}

}

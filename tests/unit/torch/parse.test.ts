import { describe, expect, it } from 'vitest';
import type { Expr, FStringPart, Statement } from '$lib/torch/ast';
import { parse } from '$lib/torch/parse';
import { Problem, SourceText } from '$lib/torch/source';
import { tokenize } from '$lib/torch/tokens';

/** An expression as a Lisp-like string, so a test states the tree's shape in one line. */
function show(e: Expr): string {
	switch (e.kind) {
		case 'name':
			return e.id;
		case 'int':
			return `${e.value}`;
		case 'float':
			return `${e.value}f`;
		case 'string':
			return JSON.stringify(e.value);
		case 'fstring':
			return `(f ${e.parts.map(showPart).join(' ')})`;
		case 'constant':
			return e.value === null ? 'None' : e.value ? 'True' : 'False';
		case 'list':
			return `[${e.items.map(show).join(' ')}]`;
		case 'tuple':
			return `(tuple ${e.items.map(show).join(' ')})`;
		case 'dict':
			return `{${e.entries.map(([k, v]) => `${show(k)}: ${show(v)}`).join(', ')}}`;
		case 'unary':
			return `(${e.op} ${show(e.operand)})`;
		case 'binary':
			return `(${e.op} ${show(e.left)} ${show(e.right)})`;
		case 'logic':
			return `(${e.op} ${e.values.map(show).join(' ')})`;
		case 'compare':
			return `(cmp ${show(e.first)} ${e.ops.map((op, i) => `${op} ${show(e.rest[i])}`).join(' ')})`;
		case 'attribute':
			return `${show(e.object)}.${e.attr}`;
		case 'call': {
			const args = [...e.args.map(show), ...e.keywords.map((k) => `${k.name}=${show(k.value)}`)];
			return `(call ${show(e.callee)}${args.map((a) => ` ${a}`).join('')})`;
		}
		case 'subscript':
			return `${show(e.object)}[${show(e.index)}]`;
	}
}

function showPart(p: FStringPart): string {
	if (typeof p === 'string') return JSON.stringify(p);
	const conversion = p.conversion ? `!${p.conversion}` : '';
	const spec = p.spec.length
		? `:${p.spec.map((q) => (typeof q === 'string' ? q : showPart(q))).join('')}`
		: '';
	return `{${p.echo ?? ''}${show(p.expr)}${conversion}${spec}}`;
}

function expression(source: string): string {
	const [s] = parse(source);
	if (s.kind !== 'expression') throw new Error(`not an expression: ${s.kind}`);
	return show(s.expr);
}

function problem(source: string): { message: string; line: number; column: number } {
	try {
		parse(source);
	} catch (e) {
		if (e instanceof Problem)
			return { message: e.message, ...new SourceText(source).position(e.offset) };
		throw e;
	}
	throw new Error('no problem found');
}

describe('tokenizer', () => {
	const kinds = (source: string) => tokenize(source).map((t) => `${t.kind}:${t.text}`);

	it('reads numbers as Python does', () => {
		const values = tokenize('1e-3 1_000 0x10 0o17 0b101 1. .5 1_000.5 0 00 2E+2').map(
			(t) => t.int ?? t.float
		);
		expect(values.slice(0, 11)).toEqual([0.001, 1000n, 16n, 15n, 5n, 1, 0.5, 1000.5, 0n, 0n, 200]);
	});

	it('keeps big integers exact', () => {
		expect(tokenize('12345678901234567890')[0].int).toBe(12345678901234567890n);
	});

	it('refuses malformed numbers with Python’s words', () => {
		expect(problem('x = 012')).toMatchObject({
			message: expect.stringMatching(/^leading zeros/),
			column: 5
		});
		expect(problem('x = 1abc').message).toBe('invalid decimal literal');
		expect(problem('x = 0x1g').message).toBe('invalid hexadecimal literal');
		expect(problem('x = 1_').message).toBe('invalid decimal literal');
		expect(problem('x = 3j').message).toBe('complex numbers are not supported here');
	});

	it('joins lines inside brackets and after a backslash', () => {
		expect(kinds('x = (1 +\n     2)\ny = 3 \\\n  + 4')).toEqual([
			'name:x',
			'op:=',
			'op:(',
			'int:1',
			'op:+',
			'int:2',
			'op:)',
			'newline:\n',
			'name:y',
			'op:=',
			'int:3',
			'op:+',
			'int:4',
			'newline:',
			'end:'
		]);
	});

	it('skips comments and blank lines, and marks indentation', () => {
		expect(kinds('# c\n\nx = 1  # note\n  y\n').map((k) => k.split(':')[0])).toEqual([
			'name',
			'op',
			'int',
			'newline',
			'indent',
			'name',
			'newline',
			'dedent',
			'end'
		]);
	});

	it('keeps string bodies and prefixes', () => {
		const [t] = tokenize("rb'x'");
		expect(t.string).toMatchObject({ prefix: 'br', body: 'x' });
		expect(tokenize('"""a\n"b"\n"""')[0].string!.body).toBe('a\n"b"\n');
	});

	it('reports unterminated strings and brackets where they start', () => {
		expect(problem('x = 1\ns = "abc\n')).toEqual({
			message: 'unterminated string literal (detected at line 2)',
			line: 2,
			column: 5
		});
		expect(problem('s = """abc').message).toBe(
			'unterminated triple-quoted string literal (detected at line 1)'
		);
		expect(problem('x = [1, 2')).toEqual({ message: "'[' was never closed", line: 1, column: 5 });
		expect(problem('x = (1]')).toMatchObject({
			message: "closing parenthesis ']' does not match opening parenthesis '('",
			column: 7
		});
		expect(problem(')')).toMatchObject({ message: "unmatched ')'", column: 1 });
	});

	it('names characters pasted from slides', () => {
		expect(problem('y = x − 1').message).toBe("invalid character '−' (U+2212); did you mean '-'?");
		expect(problem('y = x\u00a0+ 1').message).toBe(
			"invalid non-printable character U+00A0; did you mean ' '?"
		);
		expect(problem('y = $x').message).toBe("invalid syntax: '$'");
	});

	it('reports a backslash not at the end of a line', () => {
		expect(problem('x = 1 \\ 2').message).toBe(
			'unexpected character after line continuation character'
		);
	});
});

describe('indentation', () => {
	it('refuses an indented line', () => {
		expect(problem('x = 1\n    y = 2\n')).toEqual({
			message: 'unexpected indent',
			line: 2,
			column: 5
		});
	});

	it('refuses an unindent that matches no level', () => {
		expect(problem('x = 1\n    y = 2\n  z = 3\n')).toMatchObject({
			message: 'unindent does not match any outer indentation level',
			line: 3
		});
	});

	it('ignores indentation inside brackets', () => {
		expect(parse('x = [\n        1,\n    2]\n')).toHaveLength(1);
	});

	it('reports a block at its keyword, not at the indented body', () => {
		expect(problem('for i in range(3):\n    x = i\n')).toEqual({
			message: 'for loops are not supported here',
			line: 1,
			column: 1
		});
	});
});

describe('operator precedence', () => {
	it.each([
		['-2**2', '(- (** 2 2))'],
		['2**-1', '(** 2 (- 1))'],
		['2**3**2', '(** 2 (** 3 2))'],
		['(-2)**2', '(** (- 2) 2)'],
		['a + b * c', '(+ a (* b c))'],
		['a - b - c', '(- (- a b) c)'],
		['a / b // c % d', '(% (// (/ a b) c) d)'],
		['x @ W + b', '(+ (@ x W) b)'],
		['-x @ W', '(@ (- x) W)'],
		['a * -b', '(* a (- b))'],
		['not a == b', '(not (cmp a == b))'],
		['a or b and not c', '(or a (and b (not c)))'],
		['a < b <= c != d', '(cmp a < b <= c != d)'],
		['a is not None', '(cmp a is not None)'],
		['a not in b', '(cmp a not in b)'],
		['-x.grad[0].item()', '(- (call x.grad[0].item))'],
		['(w * x).sum()', '(call (* w x).sum)'],
		['t[i, j]', 't[(tuple i j)]'],
		['f(a, b=1,)', '(call f a b=1)'],
		['[1, 2,]', '[1 2]'],
		['{"a": 1, "b": 2,}', '{"a": 1, "b": 2}'],
		['(1,)', '(tuple 1)'],
		['()', '(tuple )'],
		['1, 2', '(tuple 1 2)'],
		['"a" "b" \'c\'', '"abc"'],
		['x.T', 'x.T']
	])('%s', (source, tree) => {
		expect(expression(source)).toBe(tree);
	});
});

describe('strings and f-strings', () => {
	it.each([
		['"a\\tb\\n\\x41\\u00e9\\\\"', '"a\\tb\\nAé\\\\"'],
		["r'a\\n'", '"a\\\\n"'],
		["'it\\'s'", '"it\'s"'],
		['"unknown \\d escape"', '"unknown \\\\d escape"'],
		['f"{x}"', '(f {x})'],
		['f"z={z.item():.4f} h={h:>8.4f}"', '(f "z=" {(call z.item):.4f} " h=" {h:>8.4f})'],
		['f"{d[\'w1\']:.3e}"', '(f {d["w1"]:.3e})'],
		['f\'{d["w1"]}\'', '(f {d["w1"]})'],
		['f"{x!r:>10}"', '(f {x!r:>10})'],
		['f"{x:{w}.{p}f}"', '(f {x:{w}.{p}f})'],
		['f"{{literal}} {x}"', '(f "{literal} " {x})'],
		['f"{x=}"', '(f {x=x})'],
		['f"{x = :.2f}"', '(f {x = x:.2f})'],
		['f"{a == b}"', '(f {(cmp a == b)})'],
		['f"{a != b}"', '(f {(cmp a != b)})'],
		['f"{ {1: 2}[1] }"', '(f {{1: 2}[1]})'],
		['f"a" f"b{x}" \'c\'', '(f "ab" {x} "c")'],
		['f"a" "b{x}"', '(f "ab{x}")'],
		['f"""{x\n}"""', '(f {x})'],
		['f"\\t{x}"', '(f "\\t" {x})']
	])('%s', (source, tree) => {
		expect(expression(source)).toBe(tree);
	});

	it('points into the f-string for its errors', () => {
		expect(problem('s = f"{}"')).toMatchObject({
			message: 'f-string: empty expression not allowed',
			column: 8
		});
		expect(problem('s = f"{x"')).toMatchObject({ message: "f-string: expecting '}'" });
		expect(problem('s = f"}"')).toMatchObject({
			message: "f-string: single '}' is not allowed",
			column: 7
		});
		expect(problem('s = f"{x!z}"').message).toBe(
			"f-string: invalid conversion character: expected 's', 'r', or 'a'"
		);
		expect(problem('s = f"{x:{y:{z}}}"').message).toBe('f-string: expressions nested too deeply');
		expect(problem('s = f"{a#}"').message).toBe("f-string expression part cannot include '#'");
		expect(problem('s = f"{1 +}"')).toMatchObject({ column: 11 });
		expect(problem('s = f"{for}"')).toMatchObject({
			message: 'for loops are not supported here',
			column: 8
		});
	});
});

describe('statements', () => {
	const kinds = (source: string) => parse(source).map((s: Statement) => s.kind);

	it('reads the subset’s statements', () => {
		expect(
			kinds(
				'"""doc"""\nimport torch\nimport torch.nn.functional as F\nfrom math import isclose as close, pi\nx = y = 1; x\nassert x, "msg"\n'
			)
		).toEqual(['expression', 'import', 'import', 'from', 'assign', 'expression', 'assert']);
	});

	it('keeps chained assignment targets in order', () => {
		const [s] = parse('a = b = 1');
		expect(s.kind === 'assign' && s.targets.map((t) => t.id)).toEqual(['a', 'b']);
	});

	it('keeps each node’s span, with parentheses', () => {
		const source = 'z = (w * x).sum()';
		const [s] = parse(source);
		if (s.kind !== 'assign' || s.value.kind !== 'call' || s.value.callee.kind !== 'attribute') {
			throw new Error('unexpected tree');
		}
		const inner = s.value.callee.object;
		expect(source.slice(inner.start, inner.end)).toBe('(w * x)');
		expect(source.slice(s.value.start, s.value.end)).toBe('(w * x).sum()');
	});

	it('normalizes names as Python does (NFKC)', () => {
		const [s] = parse('ｘ = 1');
		expect(s.kind === 'assign' && s.targets[0].id).toBe('x');
	});
});

import type {
	BinaryOp,
	CompareOp,
	Expr,
	FormattedValue,
	FStringPart,
	Keyword,
	Statement
} from './ast';
import { Problem, shown } from './source';
import { KEYWORDS, tokenize, type Token } from './tokens';

/**
 * A hand-written recursive-descent parser for the subset, following Python's grammar and
 * precedence (`**` binds tighter than a unary minus on its left and is right-associative;
 * comparisons chain). Constructs outside the subset are parsed far enough to be named, then
 * reported with a message that says what is not supported; nothing is skipped.
 */

/** Expressions nested deeper than this are refused before the stack runs out. */
export const MAX_DEPTH = 100;

export function parse(source: string): Statement[] {
	return new Parser(tokenize(source), source).program();
}

// Statements that open a block or change control flow, each with what we say about it.
const UNSUPPORTED_STATEMENTS: Record<string, string> = {
	for: 'for loops are not supported here',
	while: 'while loops are not supported here',
	if: 'if statements are not supported here',
	elif: 'if statements are not supported here',
	else: 'if statements are not supported here',
	def: 'defining functions (def) is not supported here',
	class: 'classes are not supported here',
	with: 'with blocks are not supported here (torch.no_grad() included)',
	try: 'try blocks are not supported here',
	except: 'try blocks are not supported here',
	finally: 'try blocks are not supported here',
	return: 'return is only meaningful inside a function, and functions are not supported here',
	yield: 'yield is not supported here',
	break: 'break is not supported here: there are no loops',
	continue: 'continue is not supported here: there are no loops',
	pass: 'pass is not supported here',
	del: 'del is not supported here',
	global: 'global is not supported here',
	nonlocal: 'nonlocal is not supported here',
	raise: 'raise is not supported here',
	async: 'async code is not supported here',
	await: 'await is not supported here',
	lambda: 'lambda functions are not supported here'
};

const AUGMENTED = [
	'+=',
	'-=',
	'*=',
	'/=',
	'//=',
	'%=',
	'**=',
	'@=',
	'&=',
	'|=',
	'^=',
	'>>=',
	'<<='
];
const UNSUPPORTED_BINARY = ['|', '&', '^', '<<', '>>'];
const COMPARISONS = ['<', '>', '==', '!=', '<=', '>='];

class Parser {
	private pos = 0;
	private depth = 0;

	constructor(
		private readonly tokens: Token[],
		private readonly source: string
	) {}

	// --- tokens ---

	private get token(): Token {
		return this.tokens[this.pos];
	}

	private peek(ahead = 1): Token {
		return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
	}

	private next(): Token {
		const t = this.tokens[this.pos];
		if (this.pos < this.tokens.length - 1) this.pos++;
		return t;
	}

	private isOp(text: string, t = this.token): boolean {
		return t.kind === 'op' && t.text === text;
	}

	private isKeyword(text: string, t = this.token): boolean {
		return t.kind === 'name' && t.text === text;
	}

	private eatOp(text: string): boolean {
		if (!this.isOp(text)) return false;
		this.next();
		return true;
	}

	private expectOp(text: string, after?: string): Token {
		if (this.isOp(text)) return this.next();
		const before = this.tokens[this.pos - 1];
		if (before && isValueEnd(before) && isValueStart(this.token)) {
			throw new Problem(
				'invalid syntax: two values in a row; perhaps you forgot a comma?',
				this.token.start
			);
		}
		throw this.unexpected(`expected '${text}'${after ? ` ${after}` : ''}`);
	}

	private unexpected(expected?: string): Problem {
		const t = this.token;
		const found = describe(t);
		if (expected) return new Problem(`invalid syntax: ${expected}, found ${found}`, t.start);
		return new Problem(`invalid syntax: unexpected ${found}`, t.start);
	}

	// --- statements ---

	program(): Statement[] {
		const statements: Statement[] = [];
		while (this.token.kind !== 'end') {
			if (this.token.kind === 'newline') {
				this.next();
				continue;
			}
			statements.push(...this.line());
		}
		return statements;
	}

	/** One logical line: simple statements separated by `;`. */
	private line(): Statement[] {
		const t = this.token;
		if (t.kind === 'indent') throw new Problem('unexpected indent', t.end);
		if (t.kind === 'dedent') throw new Problem('unexpected unindent', t.start);
		if (this.isOp('@')) throw new Problem('decorators are not supported here', t.start);
		const statements = [this.statement()];
		while (this.eatOp(';')) {
			if (this.token.kind === 'newline' || this.token.kind === 'end') break;
			statements.push(this.statement());
		}
		if (this.token.kind !== 'newline' && this.token.kind !== 'end') {
			throw this.statementEnd();
		}
		this.next();
		return statements;
	}

	private statementEnd(): Problem {
		const t = this.token;
		if (this.isOp(':')) return new Problem('type annotations are not supported here', t.start);
		if (t.kind === 'indent') return new Problem('unexpected indent', t.end);
		const before = this.tokens[this.pos - 1];
		if (before && isValueEnd(before) && isValueStart(t)) {
			return new Problem(
				'invalid syntax: two values in a row; perhaps you forgot a comma or an operator?',
				t.start
			);
		}
		return this.unexpected();
	}

	private statement(): Statement {
		const t = this.token;
		if (t.kind === 'name' && KEYWORDS.has(t.text)) {
			if (t.text === 'import') return this.importStatement();
			if (t.text === 'from') return this.fromStatement();
			if (t.text === 'assert') return this.assertStatement();
			const unsupported = UNSUPPORTED_STATEMENTS[t.text];
			if (unsupported) throw new Problem(unsupported, t.start);
		}
		const start = t.start;
		const first = this.expressionList();
		if (this.isOp('=')) {
			const targets = [this.target(first)];
			this.next();
			let value = this.expressionList();
			while (this.isOp('=')) {
				targets.push(this.target(value));
				this.next();
				value = this.expressionList();
			}
			return { kind: 'assign', targets, value, start, end: value.end };
		}
		const op = this.token;
		if (op.kind === 'op' && AUGMENTED.includes(op.text)) {
			const name = shown(this.source.slice(first.start, first.end));
			const binary = op.text.slice(0, -1);
			throw new Problem(
				`augmented assignment (${name} ${op.text} ...) is not supported here; write ${name} = ${name} ${binary} ...`,
				op.start
			);
		}
		return { kind: 'expression', expr: first, start, end: first.end };
	}

	private target(e: Expr): { id: string; start: number; end: number } {
		const text = shown(this.source.slice(e.start, e.end));
		switch (e.kind) {
			case 'name':
				return { id: e.id, start: e.start, end: e.end };
			case 'tuple':
			case 'list':
				throw new Problem(
					`assigning to several names at once (${text} = ...) is not supported here; assign one name per line`,
					e.start
				);
			case 'attribute':
				throw new Problem(`assigning to ${text} is not supported here`, e.start);
			case 'subscript':
				throw new Problem(
					`assigning to ${text} is not supported here: tensors and lists are not changed in place`,
					e.start
				);
			case 'call':
				throw new Problem(
					"cannot assign to a function call here; maybe you meant '==' instead of '='?",
					e.start
				);
			default:
				throw new Problem(
					"cannot assign to this expression; maybe you meant '==' instead of '='?",
					e.start
				);
		}
	}

	private dottedName(): { path: string; start: number } {
		const start = this.token.start;
		const parts = [this.identifier('a module name')];
		while (this.eatOp('.')) parts.push(this.identifier('a module name'));
		return { path: parts.join('.'), start };
	}

	private identifier(what: string): string {
		const t = this.token;
		if (t.kind !== 'name' || KEYWORDS.has(t.text)) throw this.unexpected(`expected ${what}`);
		this.next();
		return t.text;
	}

	private alias(): string | null {
		if (!this.isKeyword('as')) return null;
		this.next();
		return this.identifier('a name after as');
	}

	private importStatement(): Statement {
		const start = this.next().start;
		const modules = [];
		do {
			const { path, start: at } = this.dottedName();
			modules.push({ path, alias: this.alias(), start: at });
		} while (this.eatOp(','));
		return { kind: 'import', modules, start, end: this.tokens[this.pos - 1].end };
	}

	private fromStatement(): Statement {
		const start = this.next().start;
		if (this.isOp('.'))
			throw new Problem('relative imports are not supported here', this.token.start);
		const { path } = this.dottedName();
		if (!this.isKeyword('import')) throw this.unexpected("expected 'import'");
		this.next();
		const parenthesized = this.eatOp('(');
		const names = [];
		do {
			if (parenthesized && this.isOp(')')) break;
			const at = this.token.start;
			if (this.isOp('*')) throw new Problem('import * is not supported here', at);
			const name = this.identifier('a name to import');
			names.push({ name, alias: this.alias(), start: at });
		} while (this.eatOp(','));
		if (parenthesized) this.expectOp(')');
		return { kind: 'from', module: path, names, start, end: this.tokens[this.pos - 1].end };
	}

	private assertStatement(): Statement {
		const start = this.next().start;
		const test = this.expression();
		const message = this.eatOp(',') ? this.expression() : null;
		const end = (message ?? test).end;
		return { kind: 'assert', test, message, start, end };
	}

	// --- expressions ---

	/** `a` or the tuple `a, b` (as on either side of `=`). */
	private expressionList(): Expr {
		const first = this.expression();
		if (!this.isOp(',')) return first;
		const items = [first];
		while (this.eatOp(',')) {
			if (!isValueStart(this.token)) break;
			items.push(this.expression());
		}
		return { kind: 'tuple', items, start: first.start, end: items[items.length - 1].end };
	}

	expression(): Expr {
		if (++this.depth > MAX_DEPTH) {
			throw new Problem('the expression is nested too deeply', this.token.start);
		}
		const t = this.token;
		if (this.isKeyword('lambda')) throw new Problem(UNSUPPORTED_STATEMENTS.lambda, t.start);
		if (this.isKeyword('yield')) throw new Problem(UNSUPPORTED_STATEMENTS.yield, t.start);
		const e = this.or();
		if (this.isKeyword('if')) {
			throw new Problem(
				'conditional expressions (a if condition else b) are not supported here',
				this.token.start
			);
		}
		if (this.isKeyword('for')) {
			throw new Problem(
				'comprehensions (... for ... in ...) are not supported here: there are no loops',
				this.token.start
			);
		}
		if (this.isOp(':=')) {
			throw new Problem('assignment expressions (:=) are not supported here', this.token.start);
		}
		this.depth--;
		return e;
	}

	private or(): Expr {
		return this.logic('or', () => this.and());
	}

	private and(): Expr {
		return this.logic('and', () => this.not());
	}

	private logic(op: 'and' | 'or', operand: () => Expr): Expr {
		const first = operand();
		if (!this.isKeyword(op)) return first;
		const values = [first];
		while (this.isKeyword(op)) {
			this.next();
			values.push(operand());
		}
		return { kind: 'logic', op, values, start: first.start, end: values[values.length - 1].end };
	}

	private not(): Expr {
		if (!this.isKeyword('not')) return this.comparison();
		const start = this.next().start;
		const operand = this.nested(() => this.not());
		return { kind: 'unary', op: 'not', operand, start, end: operand.end };
	}

	private comparison(): Expr {
		const first = this.binary(0);
		const ops: CompareOp[] = [];
		const rest: Expr[] = [];
		const opStarts: number[] = [];
		for (;;) {
			const t = this.token;
			let op: CompareOp;
			if (t.kind === 'op' && COMPARISONS.includes(t.text)) {
				op = t.text as CompareOp;
				this.next();
			} else if (this.isKeyword('in')) {
				op = 'in';
				this.next();
			} else if (this.isKeyword('not') && this.isKeyword('in', this.peek())) {
				op = 'not in';
				this.next();
				this.next();
			} else if (this.isKeyword('is')) {
				this.next();
				op = this.isKeyword('not') ? 'is not' : 'is';
				if (op === 'is not') this.next();
			} else break;
			ops.push(op);
			opStarts.push(t.start);
			rest.push(this.binary(0));
		}
		if (ops.length === 0) return first;
		return {
			kind: 'compare',
			first,
			ops,
			rest,
			opStarts,
			start: first.start,
			end: rest[rest.length - 1].end
		};
	}

	/** Binary operators by precedence level: + - then * / // % @. */
	private binary(level: number): Expr {
		const levels: readonly string[][] = [
			['+', '-'],
			['*', '/', '//', '%', '@']
		];
		if (level === levels.length) return this.unary();
		let left = this.binary(level + 1);
		for (;;) {
			const t = this.token;
			if (t.kind === 'op' && UNSUPPORTED_BINARY.includes(t.text)) {
				throw new Problem(`the operator '${t.text}' is not supported here`, t.start);
			}
			if (t.kind !== 'op' || !levels[level].includes(t.text)) return left;
			this.next();
			const right = this.nested(() => this.binary(level + 1));
			left = {
				kind: 'binary',
				op: t.text as BinaryOp,
				left,
				right,
				opStart: t.start,
				start: left.start,
				end: right.end
			};
		}
	}

	private unary(): Expr {
		const t = this.token;
		if (this.isOp('~')) throw new Problem("the operator '~' is not supported here", t.start);
		if (this.isOp('-') || this.isOp('+')) {
			this.next();
			const operand = this.nested(() => this.unary());
			return { kind: 'unary', op: t.text as '-' | '+', operand, start: t.start, end: operand.end };
		}
		return this.power();
	}

	/** `a ** b`: right-associative, and its right side may carry a sign (2 ** -1). */
	private power(): Expr {
		const base = this.primary();
		if (!this.isOp('**')) return base;
		const op = this.next();
		const exponent = this.nested(() => this.unary());
		return {
			kind: 'binary',
			op: '**',
			left: base,
			right: exponent,
			opStart: op.start,
			start: base.start,
			end: exponent.end
		};
	}

	private nested(parse: () => Expr): Expr {
		if (++this.depth > MAX_DEPTH) {
			throw new Problem('the expression is nested too deeply', this.token.start);
		}
		const e = parse();
		this.depth--;
		return e;
	}

	private primary(): Expr {
		if (this.isKeyword('await')) throw new Problem(UNSUPPORTED_STATEMENTS.await, this.token.start);
		let e = this.atom();
		for (let trailers = 1; ; trailers++) {
			if (this.depth + trailers > MAX_DEPTH) {
				throw new Problem('the expression is nested too deeply', this.token.start);
			}
			if (this.isOp('.')) {
				this.next();
				const t = this.token;
				if (t.kind !== 'name') throw this.unexpected('expected a name after .');
				this.next();
				e = {
					kind: 'attribute',
					object: e,
					attr: t.text,
					attrStart: t.start,
					start: e.start,
					end: t.end
				};
			} else if (this.isOp('(')) {
				e = this.call(e);
			} else if (this.isOp('[')) {
				this.next();
				const index = this.subscript();
				const close = this.expectOp(']', 'to close the index');
				e = { kind: 'subscript', object: e, index, start: e.start, end: close.end };
			} else {
				return e;
			}
		}
	}

	private subscript(): Expr {
		const start = this.token.start;
		const items: Expr[] = [];
		let tuple = false;
		do {
			if (this.isOp(']') && items.length > 0) break;
			if (this.isOp(':')) throw this.slice();
			items.push(this.expression());
			if (this.isOp(':')) throw this.slice();
			if (this.isOp(',')) tuple = true;
		} while (this.eatOp(','));
		if (!tuple) return items[0];
		return { kind: 'tuple', items, start, end: items[items.length - 1].end };
	}

	private slice(): Problem {
		return new Problem(
			'slices (t[a:b]) are not supported here; index one element at a time, like t[i] or t[i, j]',
			this.token.start
		);
	}

	private call(callee: Expr): Expr {
		this.next();
		const args: Expr[] = [];
		const keywords: Keyword[] = [];
		while (!this.isOp(')')) {
			const t = this.token;
			if (this.isOp('*') || this.isOp('**')) {
				throw new Problem(`unpacking arguments with ${t.text} is not supported here`, t.start);
			}
			if (t.kind === 'name' && this.isOp('=', this.peek())) {
				if (KEYWORDS.has(t.text)) throw this.unexpected('expected an argument');
				this.next();
				this.next();
				const value = this.expression();
				if (keywords.some((k) => k.name === t.text)) {
					throw new Problem(`keyword argument repeated: ${t.text}`, t.start);
				}
				keywords.push({ name: t.text, value, start: t.start, end: value.end });
			} else {
				const value = this.expression();
				if (keywords.length > 0) {
					throw new Problem('positional argument follows keyword argument', value.start);
				}
				args.push(value);
			}
			if (!this.eatOp(',')) break;
		}
		const close = this.expectOp(')', 'to close the call');
		return { kind: 'call', callee, args, keywords, start: callee.start, end: close.end };
	}

	private atom(): Expr {
		const t = this.token;
		switch (t.kind) {
			case 'int':
				this.next();
				return { kind: 'int', value: t.int!, start: t.start, end: t.end };
			case 'float':
				this.next();
				return { kind: 'float', value: t.float!, start: t.start, end: t.end };
			case 'imaginary':
				throw new Problem('complex numbers are not supported here', t.start);
			case 'string':
				return this.strings();
			case 'name':
				return this.nameAtom(t);
			case 'op':
				if (t.text === '(') return this.parenthesized();
				if (t.text === '[') return this.list();
				if (t.text === '{') return this.dict();
				if (t.text === '...') throw new Problem('... (Ellipsis) is not supported here', t.start);
				break;
		}
		throw this.unexpected('expected a value');
	}

	private nameAtom(t: Token): Expr {
		const constants: Record<string, boolean | null> = { True: true, False: false, None: null };
		if (t.text in constants) {
			this.next();
			return { kind: 'constant', value: constants[t.text], start: t.start, end: t.end };
		}
		if (KEYWORDS.has(t.text)) {
			const unsupported = UNSUPPORTED_STATEMENTS[t.text];
			if (unsupported && t.text !== 'if' && t.text !== 'else')
				throw new Problem(unsupported, t.start);
			throw this.unexpected('expected a value');
		}
		this.next();
		return { kind: 'name', id: t.text, start: t.start, end: t.end };
	}

	private parenthesized(): Expr {
		const open = this.next();
		if (this.isOp(')')) {
			const close = this.next();
			return { kind: 'tuple', items: [], start: open.start, end: close.end };
		}
		const first = this.expression();
		if (this.isOp(')')) {
			this.next();
			// Keep the parentheses in the span, so `(w * x).sum()` reads as written.
			return { ...first, start: open.start, end: this.tokens[this.pos - 1].end };
		}
		const items = [first];
		while (this.eatOp(',')) {
			if (this.isOp(')')) break;
			items.push(this.expression());
		}
		const close = this.expectOp(')', 'to close the parenthesis');
		return { kind: 'tuple', items, start: open.start, end: close.end };
	}

	private list(): Expr {
		const open = this.next();
		const items: Expr[] = [];
		while (!this.isOp(']')) {
			if (this.isOp('*'))
				throw new Problem('unpacking with * is not supported here', this.token.start);
			items.push(this.expression());
			if (!this.eatOp(',')) break;
		}
		const close = this.expectOp(']', 'to close the list');
		return { kind: 'list', items, start: open.start, end: close.end };
	}

	private dict(): Expr {
		const open = this.next();
		const entries: [Expr, Expr][] = [];
		while (!this.isOp('}')) {
			if (this.isOp('**'))
				throw new Problem('unpacking with ** is not supported here', this.token.start);
			const key = this.expression();
			if (!this.isOp(':')) {
				if (this.isOp(',') || this.isOp('}')) {
					throw new Problem('sets are not supported here', open.start);
				}
				throw this.unexpected("expected ':' after the dictionary key");
			}
			this.next();
			entries.push([key, this.expression()]);
			if (!this.eatOp(',')) break;
		}
		const close = this.expectOp('}', 'to close the dictionary');
		return { kind: 'dict', entries, start: open.start, end: close.end };
	}

	/** Adjacent string literals are one string ("a" "b" is "ab"); any of them may be an f-string. */
	private strings(): Expr {
		const start = this.token.start;
		const parts: FStringPart[] = [];
		let formatted = false;
		let end = start;
		while (this.token.kind === 'string') {
			const t = this.next();
			const s = t.string!;
			end = t.end;
			if (s.prefix.includes('b')) throw new Problem('bytes are not supported here', t.start);
			const raw = s.prefix.includes('r');
			if (s.prefix.includes('f')) {
				formatted = true;
				parts.push(...this.fstring(s.body, s.bodyStart, raw, 0));
			} else {
				parts.push(unescape(s.body, s.bodyStart, raw));
			}
		}
		if (!formatted) return { kind: 'string', value: parts.join(''), start, end };
		return { kind: 'fstring', parts: mergeText(parts), start, end };
	}

	/** Splits an f-string body into text and replacement fields; `nesting` 1 is inside a spec. */
	private fstring(body: string, base: number, raw: boolean, nesting: number): FStringPart[] {
		const parts: FStringPart[] = [];
		let text = '';
		let textStart = 0;
		let i = 0;
		const flush = () => {
			if (text) parts.push(nesting > 0 || raw ? text : unescape(text, base + textStart, false));
			text = '';
		};
		while (i < body.length) {
			const ch = body[i];
			if (ch === '{' && body[i + 1] === '{' && nesting === 0) {
				if (!text) textStart = i;
				text += '{';
				i += 2;
			} else if (ch === '}' && body[i + 1] === '}' && nesting === 0) {
				if (!text) textStart = i;
				text += '}';
				i += 2;
			} else if (ch === '}') {
				throw new Problem("f-string: single '}' is not allowed", base + i);
			} else if (ch === '{') {
				flush();
				if (nesting >= 2) throw new Problem('f-string: expressions nested too deeply', base + i);
				const field = this.field(body, base, i, raw, nesting);
				parts.push(field.value);
				i = field.end;
				textStart = i;
			} else {
				if (!text) textStart = i;
				// Keep escapes whole, so an escaped brace-like sequence is not split.
				if (ch === '\\' && !raw && i + 1 < body.length) {
					text += body.slice(i, i + 2);
					i += 2;
				} else {
					text += ch;
					i++;
				}
			}
		}
		flush();
		return parts;
	}

	/** One `{expr!conv:spec}` field starting at body[open]; returns it and the index after `}`. */
	private field(
		body: string,
		base: number,
		open: number,
		raw: boolean,
		nesting: number
	): { value: FormattedValue; end: number } {
		let i = open + 1;
		let depth = 0;
		let quote: string | null = null;
		let exprEnd = -1;
		let echoEnd = -1;
		for (; i < body.length; i++) {
			const ch = body[i];
			if (quote) {
				if (ch === quote) quote = null;
				continue;
			}
			if (ch === '\\') {
				throw new Problem('f-string expression part cannot include a backslash', base + i);
			}
			if (ch === '#') throw new Problem("f-string expression part cannot include '#'", base + i);
			if (ch === "'" || ch === '"') quote = ch;
			else if ('([{'.includes(ch)) depth++;
			else if (')]'.includes(ch) || (ch === '}' && depth > 0)) depth--;
			else if (depth === 0) {
				if (ch === '}' || ch === ':') break;
				if (ch === '!' && body[i + 1] !== '=') break;
				if (ch === '=' && !'=!<>'.includes(body[i - 1]) && body[i + 1] !== '=') {
					exprEnd = i;
					i++;
					while (i < body.length && /\s/.test(body[i])) i++;
					echoEnd = i;
					break;
				}
			}
		}
		if (exprEnd < 0) exprEnd = i;
		const exprText = body.slice(open + 1, exprEnd);
		if (exprText.trim() === '') {
			throw new Problem('f-string: empty expression not allowed', base + exprEnd);
		}
		const expr = this.fieldExpression(exprText, base + open + 1);
		let conversion: FormattedValue['conversion'] = null;
		if (body[i] === '!') {
			const c = body[i + 1];
			if (c !== 'r' && c !== 's' && c !== 'a') {
				throw new Problem(
					"f-string: invalid conversion character: expected 's', 'r', or 'a'",
					base + i + 1
				);
			}
			conversion = c;
			i += 2;
		}
		let spec: FStringPart[] = [];
		if (body[i] === ':') {
			// The spec runs to the matching '}', and may hold nested fields.
			const specStart = i + 1;
			let j = specStart;
			let inner = 0;
			for (; j < body.length; j++) {
				if (body[j] === '{') inner++;
				else if (body[j] === '}') {
					if (inner === 0) break;
					inner--;
				}
			}
			spec = this.fstring(body.slice(specStart, j), base + specStart, raw, nesting + 1);
			i = j;
		}
		if (body[i] !== '}')
			throw new Problem("f-string: expecting '}'", base + Math.min(i, body.length));
		const value: FormattedValue = {
			expr,
			conversion,
			spec,
			echo: echoEnd >= 0 ? body.slice(open + 1, echoEnd) : null,
			start: base + open,
			end: base + i + 1
		};
		return { value, end: i + 1 };
	}

	private fieldExpression(text: string, offset: number): Expr {
		// Parenthesized, as Python does, so the field may span lines and hold a bare tuple.
		const shift = offset - 1;
		let inner: Token[];
		try {
			inner = tokenize(`(${text})`);
		} catch (e) {
			if (e instanceof Problem) throw new Problem(e.message, e.offset + shift);
			throw e;
		}
		const tokens = inner.map((t) => ({
			...t,
			start: t.start + shift,
			end: t.end + shift,
			string: t.string && { ...t.string, bodyStart: t.string.bodyStart + shift }
		}));
		const parser = new Parser(tokens, `${this.source.slice(0, offset - 1)}(${text})`);
		parser.depth = this.depth;
		const e = parser.expression();
		if (parser.token.kind !== 'newline') throw parser.unexpected();
		// Drop the added parentheses from the span.
		return { ...e, start: Math.max(e.start, offset), end: Math.min(e.end, offset + text.length) };
	}
}

function mergeText(parts: FStringPart[]): FStringPart[] {
	const merged: FStringPart[] = [];
	for (const p of parts) {
		const last = merged[merged.length - 1];
		if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
		else if (p !== '') merged.push(p);
	}
	return merged;
}

const SIMPLE_ESCAPES: Record<string, string> = {
	'\\': '\\',
	"'": "'",
	'"': '"',
	a: '\x07',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
	v: '\v',
	'\n': ''
};

/** Python's escape sequences; an unknown one keeps its backslash, as Python does. */
export function unescape(body: string, base: number, raw: boolean): string {
	if (raw || !body.includes('\\')) return body;
	let out = '';
	for (let i = 0; i < body.length; i++) {
		if (body[i] !== '\\') {
			out += body[i];
			continue;
		}
		const c = body[i + 1];
		if (c in SIMPLE_ESCAPES) {
			out += SIMPLE_ESCAPES[c];
			i++;
		} else if (/[0-7]/.test(c)) {
			const digits = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
			out += String.fromCodePoint(parseInt(digits, 8));
			i += digits.length;
		} else if (c === 'x' || c === 'u' || c === 'U') {
			const length = c === 'x' ? 2 : c === 'u' ? 4 : 8;
			const hex = body.slice(i + 2, i + 2 + length);
			const code = parseInt(hex, 16);
			if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length || code > 0x10ffff) {
				throw new Problem(`invalid \\${c} escape in a string`, base + i);
			}
			out += String.fromCodePoint(code);
			i += 1 + length;
		} else if (c === 'N') {
			throw new Problem('\\N{...} escapes are not supported here', base + i);
		} else {
			out += '\\';
		}
	}
	return out;
}

function describe(t: Token): string {
	switch (t.kind) {
		case 'newline':
			return 'the end of the line';
		case 'end':
			return 'the end of the program';
		case 'indent':
			return 'an indent';
		case 'dedent':
			return 'an unindent';
		case 'string':
			return 'a string';
		case 'int':
		case 'float':
			return `the number ${t.text}`;
		case 'name':
			return KEYWORDS.has(t.text) ? `the keyword '${t.text}'` : `the name '${t.text}'`;
		default:
			return `'${t.text}'`;
	}
}

function isValueStart(t: Token): boolean {
	if (t.kind === 'int' || t.kind === 'float' || t.kind === 'string') return true;
	if (t.kind === 'name')
		return !KEYWORDS.has(t.text) || ['True', 'False', 'None', 'not', 'lambda'].includes(t.text);
	return t.kind === 'op' && ['(', '[', '{', '-', '+', '~'].includes(t.text);
}

function isValueEnd(t: Token): boolean {
	if (t.kind === 'int' || t.kind === 'float' || t.kind === 'string') return true;
	if (t.kind === 'name') return !KEYWORDS.has(t.text) || ['True', 'False', 'None'].includes(t.text);
	return t.kind === 'op' && [')', ']', '}'].includes(t.text);
}

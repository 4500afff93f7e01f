/**
 * The syntax tree of the PyTorch subset. Every node keeps its start and end offsets in the
 * program text: messages point at `start`, and an unnamed tensor is shown as the text it came from.
 */

interface Span {
	start: number;
	end: number;
}

export type Expr =
	| (Span & { kind: 'name'; id: string })
	| (Span & { kind: 'int'; value: bigint })
	| (Span & { kind: 'float'; value: number })
	| (Span & { kind: 'string'; value: string })
	| (Span & { kind: 'fstring'; parts: FStringPart[] })
	| (Span & { kind: 'constant'; value: boolean | null })
	| (Span & { kind: 'list' | 'tuple'; items: Expr[] })
	| (Span & { kind: 'dict'; entries: [Expr, Expr][] })
	| (Span & { kind: 'unary'; op: '-' | '+' | 'not'; operand: Expr })
	| (Span & { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; opStart: number })
	| (Span & { kind: 'logic'; op: 'and' | 'or'; values: Expr[] })
	| (Span & { kind: 'compare'; first: Expr; ops: CompareOp[]; rest: Expr[]; opStarts: number[] })
	| (Span & { kind: 'attribute'; object: Expr; attr: string; attrStart: number })
	| (Span & { kind: 'call'; callee: Expr; args: Expr[]; keywords: Keyword[] })
	| (Span & { kind: 'subscript'; object: Expr; index: Expr });

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@';
export type CompareOp = '<' | '>' | '==' | '!=' | '<=' | '>=' | 'is' | 'is not' | 'in' | 'not in';

export interface Keyword extends Span {
	name: string;
	value: Expr;
}

/** A piece of an f-string: literal text, or a replacement field `{expr!r:spec}`. */
export type FStringPart = string | FormattedValue;

export interface FormattedValue extends Span {
	expr: Expr;
	conversion: 'r' | 's' | 'a' | null;
	/** the format spec, itself possibly holding nested fields (`{x:{width}}`) */
	spec: FStringPart[];
	/** for `{x=}`: the text written before the value, `x=` */
	echo: string | null;
}

export type Statement =
	| (Span & { kind: 'import'; modules: { path: string; alias: string | null; start: number }[] })
	| (Span & {
			kind: 'from';
			module: string;
			names: { name: string; alias: string | null; start: number }[];
	  })
	| (Span & { kind: 'assign'; targets: (Span & { id: string })[]; value: Expr })
	| (Span & { kind: 'expression'; expr: Expr })
	| (Span & { kind: 'assert'; test: Expr; message: Expr | null });

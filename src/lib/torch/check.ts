import type { Expr, FStringPart, Statement } from './ast';
import type { Labels } from './interpret';
import { subscript } from './interpret';
import { BUILTIN_NAMES, IMPORT_HINTS, MODULES, UNSUPPORTED_BUILTINS, suggest } from './library';
import { Problem, shown } from './source';

/**
 * Checks made before running, possible because the subset has no branches or loops: every import
 * is one the subset knows, and every name is assigned (or imported) before it is read. Also
 * works out each assignment's label: `h` for the last `h = ...`, `h₁`, `h₂` for earlier ones.
 */
export function check(statements: Statement[]): Labels {
	const assignedAt = new Map<string, number[]>();
	const imported = new Set<string>();
	const bind = (name: string, statement: number) => {
		const list = assignedAt.get(name) ?? [];
		list.push(statement);
		assignedAt.set(name, list);
	};
	statements.forEach((s, i) => {
		if (s.kind === 'import') {
			for (const m of s.modules) {
				checkModule(m.path, m.start);
				const name = m.alias ?? m.path.split('.')[0];
				bind(name, i);
				imported.add(name);
			}
		} else if (s.kind === 'from') {
			checkModule(s.module, s.start);
			for (const n of s.names) bind(n.alias ?? n.name, i);
		} else if (s.kind === 'assign') {
			for (const t of s.targets) bind(t.id, i);
		}
	});

	const known = [...assignedAt.keys(), ...BUILTIN_NAMES];
	statements.forEach((s, i) => {
		const read = (id: string, at: number) => {
			const when = assignedAt.get(id);
			if (when && when[0] < i) return;
			if (when) {
				const verb = imported.has(id) ? 'imported' : 'assigned';
				throw new Problem(`name '${shown(id)}' is used before it is ${verb}`, at);
			}
			if (BUILTIN_NAMES.includes(id)) return;
			if (Object.hasOwn(UNSUPPORTED_BUILTINS, id)) throw new Problem(UNSUPPORTED_BUILTINS[id], at);
			throw new Problem(
				`name '${shown(id)}' is not defined${importHint(id) ?? suggest(id, known)}`,
				at
			);
		};
		for (const e of expressionsOf(s)) walk(e, read);
	});

	// Labels: the last assignment of a name gives it plainly, the earlier ones with a subscript.
	const labels: Labels = new Map();
	const seen = new Map<string, number>();
	for (const s of statements) {
		if (s.kind !== 'assign') continue;
		const map = new Map<string, string>();
		for (const t of s.targets) {
			const k = (seen.get(t.id) ?? 0) + 1;
			seen.set(t.id, k);
			const total = countAssignments(statements, t.id);
			map.set(t.id, k === total ? t.id : `${t.id}${subscript(k)}`);
		}
		labels.set(s, map);
	}
	return labels;
}

function countAssignments(statements: Statement[], id: string): number {
	let n = 0;
	for (const s of statements) {
		if (s.kind === 'assign') n += s.targets.filter((t) => t.id === id).length;
	}
	return n;
}

function checkModule(path: string, at: number): void {
	if (Object.hasOwn(MODULES, path)) return;
	const hint = IMPORT_HINTS[path] ?? IMPORT_HINTS[path.split('.')[0]];
	if (hint) throw new Problem(hint, at);
	throw new Problem(
		`importing ${path} is not supported here; the modules available are torch, torch.nn.functional (as F) and math`,
		at
	);
}

function importHint(id: string): string | null {
	if (id === 'torch') return '; add import torch at the top';
	if (id === 'F') return '; add import torch.nn.functional as F at the top';
	if (id === 'math') return '; add import math at the top';
	if (id === 'np' || id === 'numpy') return '; NumPy is not available here, use torch tensors';
	if (id === 'nn') return '; torch.nn layers are not supported here, write them out with tensors';
	return null;
}

function expressionsOf(s: Statement): Expr[] {
	switch (s.kind) {
		case 'assign':
			return [s.value];
		case 'expression':
			return [s.expr];
		case 'assert':
			return s.message ? [s.test, s.message] : [s.test];
		default:
			return [];
	}
}

/** Every name an expression reads, in the order Python evaluates them. */
function walk(e: Expr, read: (id: string, at: number) => void): void {
	const parts = (ps: FStringPart[]) => {
		for (const p of ps) {
			if (typeof p === 'string') continue;
			walk(p.expr, read);
			parts(p.spec);
		}
	};
	switch (e.kind) {
		case 'name':
			return read(e.id, e.start);
		case 'fstring':
			return parts(e.parts);
		case 'list':
		case 'tuple':
			return e.items.forEach((x) => walk(x, read));
		case 'dict':
			return e.entries.forEach(([k, v]) => {
				walk(k, read);
				walk(v, read);
			});
		case 'unary':
			return walk(e.operand, read);
		case 'binary':
			walk(e.left, read);
			return walk(e.right, read);
		case 'logic':
			return e.values.forEach((x) => walk(x, read));
		case 'compare':
			walk(e.first, read);
			return e.rest.forEach((x) => walk(x, read));
		case 'attribute':
			return walk(e.object, read);
		case 'subscript':
			walk(e.object, read);
			return walk(e.index, read);
		case 'call':
			walk(e.callee, read);
			e.args.forEach((x) => walk(x, read));
			return e.keywords.forEach((k) => walk(k.value, read));
	}
}

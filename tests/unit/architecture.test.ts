import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// What each folder under src/lib may import from the others: the table in README's "How it is
// built". Pure folders sit at the top; state composes them; components draw state.
const PURE = ['engine', 'tensor', 'torch', 'format', 'formula', 'geometry', 'input', 'layout'];
const ALLOWED: Record<string, string[]> = {
	engine: [],
	tensor: ['engine'],
	torch: ['tensor'],
	format: [],
	formula: ['engine', 'format'],
	geometry: ['layout'],
	input: [],
	layout: [],
	graphs: ['engine', 'tensor', 'format', 'formula', 'geometry', 'layout'],
	timeline: ['engine', 'tensor', 'format', 'formula', 'graphs'],
	lesson: ['formula', 'graphs', 'timeline', 'tools'],
	export: ['format', 'geometry'],
	embed: ['graphs', 'torch', 'state', 'timeline'],
	offline: [],
	tools: [...PURE, 'graphs', 'timeline', 'lesson', 'state', 'components'],
	state: [...PURE, 'graphs', 'timeline', 'lesson', 'export', 'embed', 'offline', 'tools'],
	components: [...PURE, 'graphs', 'timeline', 'lesson', 'state', 'tools'],
	server: ['engine', 'graphs', 'layout', 'state']
};

const LIB = resolve('src/lib');

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory()
			? filesUnder(path)
			: /\.(ts|svelte)$/.test(name)
				? [path]
				: [];
	});
}

/** The folders under src/lib that a file imports from, other than its own. */
function importedFolders(file: string): Set<string> {
	const own = relative(LIB, file).split(sep)[0];
	const found = new Set<string>();
	for (const [, spec] of readFileSync(file, 'utf8').matchAll(
		/(?:from|import)\s*\(?\s*'([^']+)'/g
	)) {
		const target = spec.startsWith('$lib/')
			? spec.slice(5)
			: spec.startsWith('.')
				? relative(LIB, resolve(file, '..', spec))
				: null;
		if (target === null || target.startsWith('..')) continue;
		const folder = target.split(/[/\\]/)[0];
		if (folder !== own && ALLOWED[folder] !== undefined) found.add(folder);
	}
	return found;
}

describe('the folders under src/lib import only what README says they may', () => {
	it('knows every folder', () => {
		const folders = readdirSync(LIB).filter((n) => statSync(join(LIB, n)).isDirectory());
		expect(folders.sort()).toEqual(Object.keys(ALLOWED).sort());
	});

	for (const [folder, allowed] of Object.entries(ALLOWED))
		it(`${folder}/ imports ${allowed.length ? allowed.join(', ') : 'no other folder'}`, () => {
			const wrong = filesUnder(join(LIB, folder)).flatMap((file) =>
				[...importedFolders(file)]
					.filter((f) => !allowed.includes(f))
					.map((f) => `${relative(LIB, file)} imports ${f}/`)
			);
			expect(wrong).toEqual([]);
		});
});

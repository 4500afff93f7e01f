import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The PyTorch programs the tests run, each kept once: the presets the page offers (the
 * chapter's script, the XOR batch, cross-entropy, the big classifier) where the app loads them,
 * and the engine's other reference programs beside their PyTorch results. Paths are from the
 * project's root, where the tests run.
 */
export const PROGRAM_DIRS = ['src/lib/torch/examples', 'tests/reference/tensor-programs'] as const;

/** Every program, by file name (`chapter.py`), in name order. */
export function programFiles(): { name: string; path: string }[] {
	return PROGRAM_DIRS.flatMap((dir) =>
		readdirSync(dir)
			.filter((f) => f.endsWith('.py'))
			.map((name) => ({ name, path: join(dir, name) }))
	).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** A program's source by its file name: `programSource('chapter.py')`. */
export function programSource(name: string): string {
	const file = programFiles().find((f) => f.name === name);
	if (!file) throw new Error(`no program ${name} in ${PROGRAM_DIRS.join(' or ')}`);
	return readFileSync(file.path, 'utf8');
}

import { PROGRAM_PRESETS, type ProgramPresetId } from '$lib/torch/examples';
import type { TensorProgram } from './tensor-session.svelte';

/** The PyTorch programs the lesson shows: the chapter's script and the two-layer classifier. */
export type LessonProgramId = 'chapter' | 'classifier';

const PRESET: Record<LessonProgramId, ProgramPresetId> = {
	chapter: 'chapter-script',
	classifier: 'big-classifier'
};

/** The lesson's figure frame, about width : height. */
const WRAP = 1.5;

type Loaded = { program: TensorProgram } | { error: string };

/**
 * The lesson's PyTorch programs, each run by the project's interpreter and laid out once, when
 * first asked for (the interpreter and the tensor engine load with the first one).
 */
export class LessonPrograms {
	#loaded: Partial<Record<LessonProgramId, Loaded>> = $state.raw({});
	// Which loads are under way; never read reactively.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pending = new Set<LessonProgramId>();
	#destroyed = false;

	/** The program's source text, as the chapter writes it. */
	source(id: LessonProgramId): string {
		return PROGRAM_PRESETS.find((p) => p.id === PRESET[id])!.source;
	}

	/** The program once it has run and been laid out; null before. */
	program(id: LessonProgramId): TensorProgram | null {
		const loaded = this.#loaded[id];
		return loaded && 'program' in loaded ? loaded.program : null;
	}

	/** Why the program could not be shown, or null. */
	error(id: LessonProgramId): string | null {
		const loaded = this.#loaded[id];
		return loaded && 'error' in loaded ? loaded.error : null;
	}

	/** Runs and lays out the program, once. */
	async load(id: LessonProgramId): Promise<void> {
		if (this.#loaded[id] || this.#pending.has(id)) return;
		this.#pending.add(id);
		const { TensorProgram } = await import('./tensor-session.svelte');
		const built = TensorProgram.build(this.source(id));
		let loaded: Loaded;
		if (built.ok) {
			// The chapter's chain of nine tensors in two rows: 1.6× larger in the lesson's frame.
			await built.program.layOut(id === 'chapter' ? WRAP : undefined);
			loaded = built.program.layoutError
				? { error: built.program.layoutError }
				: { program: built.program };
		} else loaded = { error: built.message };
		this.#pending.delete(id);
		if (this.#destroyed) {
			if ('program' in loaded) loaded.program.destroy();
			return;
		}
		this.#loaded = { ...this.#loaded, [id]: loaded };
	}

	destroy(): void {
		this.#destroyed = true;
		for (const loaded of Object.values(this.#loaded)) {
			if ('program' in loaded) loaded.program.destroy();
		}
	}
}

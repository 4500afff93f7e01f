import { textbookNetwork } from '$lib/graphs/textbook';
import { toggleFullscreen } from '$lib/input/keys';

import { download, standaloneSvg, svgToPng } from '$lib/export/export';
import { explanationText } from '$lib/timeline/explain';
import { Descent } from '$lib/tools/descent/descent.svelte';
import type { Asked, QuizCore } from '$lib/tools/quiz/core.svelte';
import type { Player } from './player.svelte';
import { Session, type PrecomputedLayout } from './session.svelte';
import { applyTheme, Settings } from './settings.svelte';
// The tensor engine and the interpreter load with the first program, not with the page.
import type { TensorProgram } from './tensor-session.svelte';
import { Viewport } from './viewport.svelte';

export type ExportKind = 'svg' | 'png2' | 'png4';

/**
 * Everything a page of the app holds, built once for the explorer and the lesson alike: the
 * session (graph, numbers, stepping), the gradient-descent run that outlives its tab, how the
 * page is shown, the zoom, and the short notes the page shows (a copied link, an export error).
 */
export class Workspace {
	readonly session: Session;
	readonly player: Player;
	readonly descent: Descent;
	readonly settings = new Settings();
	readonly viewport = new Viewport();
	/** Controls stay disabled until the page is hydrated and its state is read. */
	mounted = $state(false);
	/** Short plain-text notes: what a link could not restore, a copied link, an export error. */
	notice = $state('');
	/** A PyTorch program on screen instead of the scalar graph; null for the scalar graph. */
	program: TensorProgram | null = $state.raw(null);
	/** The PyTorch code field's text (kept when a program fails or the scalar graph returns). */
	code = $state('');
	/** Why the last program could not be built; the graph on screen stays as it was. */
	codeError: string | null = $state(null);
	/** The scalar graph of one tensor op opened from the tensor view (Esc goes back). */
	openedOp: string | null = $state(null);

	constructor(layouts: PrecomputedLayout[] = []) {
		this.session = new Session(textbookNetwork(), layouts);
		this.player = this.session.player;
		// Steps tween the sliders unless motion is reduced (the system setting or the checkbox).
		this.descent = new Descent(
			() => this.session.explorer,
			() => this.player.reducedMotion
		);
	}

	/** The player the keys and the step bar drive: the program's, or the scalar graph's. */
	get activePlayer(): Player {
		return this.program && !this.openedOp ? this.program.player : this.player;
	}

	/** The quiz the Quiz button and Q drive: the program's, or the scalar graph's. */
	get activeQuiz(): QuizCore<Asked> {
		return this.program && !this.openedOp ? this.program.quiz : this.session.quiz;
	}

	/** Builds the code field's program and shows it; on failure the current graph stays. */
	async buildProgram(source: string = this.code): Promise<boolean> {
		this.code = source;
		let tensorSession: typeof import('./tensor-session.svelte');
		try {
			tensorSession = await import('./tensor-session.svelte');
		} catch (error) {
			this.codeError = `the interpreter could not load (${error instanceof Error ? error.message : String(error)})`;
			return false;
		}
		const built = tensorSession.TensorProgram.build(source);
		if (!built.ok) {
			this.codeError = built.message;
			return false;
		}
		await built.program.layOut();
		if (built.program.layoutError) {
			this.codeError = built.program.layoutError;
			return false;
		}
		// Quiz mode stays on from one graph to the next.
		if (this.activeQuiz.on) built.program.quiz.toggle();
		this.program?.destroy();
		this.program = built.program;
		this.openedOp = null;
		this.codeError = null;
		return true;
	}

	/** Back to the scalar graph (a preset or an expression was chosen). */
	closeProgram(): void {
		if (this.program?.quiz.on && !this.session.quiz.on) this.session.quiz.toggle();
		this.program?.destroy();
		this.program = null;
		this.openedOp = null;
	}

	/** Opens tensor node i as its scalar graph in the scalar views. */
	async openOp(node: number): Promise<void> {
		const program = this.program;
		const root = program?.scalarGraph(node);
		if (!program || !root) return;
		if (await this.session.showRoot(root)) this.openedOp = program.graph.nodes[node].name;
	}

	closeOp(): void {
		this.openedOp = null;
	}

	/** Call once in the browser, on mount; returns the clean-up. */
	mount(): () => void {
		this.player.reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
		this.settings.restoreTheme();
		applyTheme(this.settings.theme);
		this.mounted = true;
		return () => {
			this.player.destroy();
			this.program?.destroy();
		};
	}

	async fullscreen(): Promise<void> {
		if (!(await toggleFullscreen())) {
			this.notice = 'Full screen is not available here (try your browser’s own full-screen key).';
		}
	}

	/** Copies `text` (a link, or what `what` names), or shows it where the clipboard is out of reach. */
	async copy(text: string, what: 'link' | 'embed code' = 'link'): Promise<void> {
		try {
			await navigator.clipboard.writeText(text);
			this.notice = what === 'link' ? 'Link copied.' : 'Embed code copied.';
		} catch {
			this.notice = `Copy this ${what}: ${text}`;
		}
	}

	/** The drawing as a standalone SVG or PNG with the step's formula as its caption. */
	async exportView(svgElement: SVGSVGElement | undefined, kind: ExportKind): Promise<void> {
		if (!svgElement) return;
		const style = getComputedStyle(document.body);
		// The quiz's equations: an export must not show a number the quiz still hides.
		const equations = this.session.quiz.equations;
		const svg = standaloneSvg(svgElement, {
			caption: equations.length > 0 ? explanationText(equations).split('. ') : [],
			background: style.backgroundColor,
			captionColor: style.color,
			captionSize: 24,
			fontFamily: style.fontFamily
		});
		try {
			if (kind === 'svg') download(new Blob([svg.text], { type: 'image/svg+xml' }), 'backprop.svg');
			else {
				const scale = kind === 'png2' ? 2 : 4;
				download(await svgToPng(svg, scale), `backprop@${scale}x.png`);
			}
		} catch (error) {
			this.notice = `Export failed: ${error instanceof Error ? error.message : String(error)}`;
		}
	}
}

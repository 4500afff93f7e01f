import {
	parseMessage,
	programStateMessage,
	readyMessage,
	stateMessage,
	type ErrorMessage,
	type Incoming,
	type LoadSource,
	type MessageContext,
	type ReadyMessage,
	type StateMessage
} from '$lib/embed/messages';
import { PRESETS } from '$lib/graphs/presets';
import type { Workspace } from './workspace.svelte';

export type OutgoingMessage = ReadyMessage | StateMessage | ErrorMessage;

/** Where the frame's messages go. */
export interface HostOptions {
	post: (message: OutgoingMessage) => void;
}

const PRESET_IDS = PRESETS.map((p) => p.id);

/**
 * The embedded explorer's side of the message API: applies the host page's valid messages to
 * what is on screen (the scalar graph, or a PyTorch program; everything else is ignored,
 * silently) and tells the host what the graph shows.
 */
export class EmbedHost {
	readonly #workspace: Workspace;
	readonly #options: HostOptions;
	#ready = $state(false);
	#frame = 0;

	constructor(workspace: Workspace, options: HostOptions) {
		this.#workspace = workspace;
		this.#options = options;
	}

	/** What a message is checked against: the graph on screen now. */
	get context(): MessageContext {
		const { program, session } = this.#workspace;
		const { parameters, steps } = program ?? session.explorer;
		return { parameters, steps: steps.length, presets: PRESET_IDS };
	}

	/** What the graph shows now; reading it tracks every number and the step. */
	get state(): StateMessage {
		const { program, session } = this.#workspace;
		if (program) return programStateMessage(program, program.frame, program.steps.length);
		const { explorer, frame } = session;
		return stateMessage(
			explorer.graph.nodes.map((n) => n.id),
			explorer.numbers,
			frame,
			explorer.steps.length
		);
	}

	/** One message from the host; anything that is not exactly a valid one does nothing. */
	receive(data: unknown): void {
		const message = parseMessage(data, this.context);
		if (message) void this.#apply(message);
	}

	async #apply(message: Incoming): Promise<void> {
		const workspace = this.#workspace;
		switch (message.type) {
			case 'backprop:set':
				(workspace.program ?? workspace.session.explorer).setMany(message.values);
				return;
			case 'backprop:step':
				workspace.activePlayer.pause();
				workspace.activePlayer.seek(message.to);
				return;
			case 'backprop:load': {
				const failure = await this.#load(message.source);
				// A new graph takes other names and steps: the host hears them as at the start.
				if (failure === null) this.ready();
				else this.#options.post({ type: 'backprop:error', message: failure });
				return;
			}
		}
	}

	/** Shows `source`; null when it is on screen, else why not (the graph on screen stays). */
	async #load(source: LoadSource): Promise<string | null> {
		const workspace = this.#workspace;
		// Run by the project's interpreter only, as code typed into the main page is.
		if (source.kind === 'program')
			return (await workspace.buildProgram(source.text)) ? null : workspace.codeError;
		if (!(await workspace.session.load(source)))
			return workspace.session.loadError ?? 'the graph could not be shown';
		workspace.closeProgram();
		return null;
	}

	/**
	 * Says `backprop:ready` (once the link has been read), then sends a `backprop:state` after
	 * each change, at most one per animation frame: a drag or a playing timeline sends the
	 * latest numbers, not a queue of stale ones. Call it during component initialisation.
	 */
	follow(): void {
		$effect(() => {
			if (!this.#ready) return;
			// What a state message says: reading it tracks the numbers and the frame.
			void this.state;
			if (this.#frame !== 0) return;
			// Read when the frame comes, so the message holds the numbers of that moment.
			this.#frame = requestAnimationFrame(() => {
				this.#frame = 0;
				this.#options.post(this.state);
			});
		});
		$effect(() => () => cancelAnimationFrame(this.#frame));
	}

	/** Call once the link has been applied: the host may send messages from now on. */
	ready(): void {
		const { parameters, steps } = this.context;
		this.#options.post(readyMessage(parameters, steps));
		this.#ready = true;
	}
}

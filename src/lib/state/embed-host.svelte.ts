import {
	parseMessage,
	readyMessage,
	stateMessage,
	type Incoming,
	type MessageContext,
	type ReadyMessage,
	type StateMessage
} from '$lib/embed/messages';
import { PRESETS } from '$lib/graphs/presets';
import type { Session } from './session.svelte';

export type OutgoingMessage = ReadyMessage | StateMessage;

/** Where the frame's messages go and what it may still do when a program is sent. */
export interface HostOptions {
	post: (message: OutgoingMessage) => void;
	/**
	 * Builds the graph of a PyTorch program. Until the PyTorch view is on this page it is absent
	 * and `backprop:load` with a `program` is ignored like any other message it cannot honour.
	 */
	loadProgram?: (text: string) => void;
}

const PRESET_IDS = PRESETS.map((p) => p.id);

/**
 * The embedded explorer's side of the message API: applies the host page's valid messages to
 * the session (everything else is ignored, silently) and tells the host what is on screen.
 */
export class EmbedHost {
	readonly #session: Session;
	readonly #options: HostOptions;
	#ready = $state(false);
	#frame = 0;

	constructor(session: Session, options: HostOptions) {
		this.#session = session;
		this.#options = options;
	}

	/** What a message is checked against: the graph on screen now. */
	get context(): MessageContext {
		const { explorer } = this.#session;
		return { parameters: explorer.parameters, steps: explorer.steps.length, presets: PRESET_IDS };
	}

	/** What the graph shows now; reading it tracks every number and the step. */
	get state(): StateMessage {
		const { explorer, frame } = this.#session;
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
		if (message) this.#apply(message);
	}

	#apply(message: Incoming): void {
		const session = this.#session;
		switch (message.type) {
			case 'backprop:set':
				session.explorer.setMany(message.values);
				return;
			case 'backprop:step':
				session.player.pause();
				session.player.seek(message.to);
				return;
			case 'backprop:load': {
				const { source } = message;
				if (source.kind === 'program') this.#options.loadProgram?.(source.text);
				else void session.load(source);
				return;
			}
		}
	}

	/**
	 * Says `backprop:ready` (once the link has been read), then sends a `backprop:state` after
	 * each change, at most one per animation frame: a drag or a playing timeline sends the
	 * latest numbers, not a queue of stale ones. Call it during component initialisation.
	 */
	follow(): void {
		$effect(() => {
			if (!this.#ready) return;
			// What a state message says: the numbers (their version) and the frame.
			void this.#session.explorer.version;
			void this.#session.frame;
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

import { encodeCode } from './code-link';
import { followInAddressBar, queryOf, restoreView } from './link.svelte';
import { paramsWithout, programInLink, programQuery, restoreProgramView } from './program-link';
import type { Workspace } from './workspace.svelte';

/**
 * A page's link, both ways: it opens what the link says (a scalar graph, or a PyTorch program
 * with its values and step) and says what is on screen now as a query, for the address bar, a
 * copied link or an embed's way to the full explorer.
 */
export class PageLink {
	readonly #workspace: Workspace;
	/** what only this page reads (an embed's show=): kept out of what it applies and writes */
	readonly #own: readonly string[];
	/** The address bar is written only after the link has been read. */
	restored = $state(false);
	// The program's code as it goes into the link (compressing it takes a moment, off the drag).
	#code = $state('');

	constructor(workspace: Workspace, own: readonly string[] = []) {
		this.#workspace = workspace;
		this.#own = own;
	}

	/** Opens what `search` says; resolves to notes on whatever was ignored. */
	async restore(search: string): Promise<string[]> {
		const params = this.#linked(search);
		const problems = await this.#apply(params);
		this.restored = true;
		return problems;
	}

	async #apply(params: URLSearchParams): Promise<string[]> {
		const workspace = this.#workspace;
		const program = await programInLink(params);
		if (program === null) return restoreView(params, workspace.session, workspace.settings);
		if (!program.ok) return [program.message];
		if (!(await workspace.buildProgram(program.source)))
			return [`the program in the link did not run: ${workspace.codeError}`];
		return restoreProgramView(params, workspace.program!, workspace.settings);
	}

	/** What is on screen now, as a query (without a leading '?'). */
	get query(): string {
		const { program, session, settings } = this.#workspace;
		if (!program) return queryOf(session, settings);
		// Until the code is packed, the link the page was opened with still says the same.
		return this.#code
			? programQuery(program, this.#code, settings)
			: this.#linked(location.search).toString();
	}

	/**
	 * Call during component initialisation: packs each program shown for the link and, given
	 * `write`, keeps the address bar on the view from the moment the link has been read.
	 */
	follow(address?: { write: (href: string) => void; base: string }): void {
		$effect(() => {
			const shown = this.#workspace.program;
			this.#code = '';
			if (shown)
				void encodeCode(shown.source).then((code) => {
					if (this.#workspace.program === shown) this.#code = code;
				});
		});
		if (address)
			followInAddressBar(
				() => this.query,
				() => this.restored,
				address.write,
				address.base
			);
	}

	#linked(search: string): URLSearchParams {
		return paramsWithout(search, this.#own);
	}
}

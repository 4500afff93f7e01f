/** What a page's hint knows: where the passes are, and what the page offers. */
export interface HintState {
	/** both passes have run: every number is on the graph */
	done: boolean;
	/** the number the quiz asks for (its label), while it asks */
	asking?: string | null;
	/** the explorer: whether the sliders are on screen (presenter mode may hide them) */
	sliders?: boolean;
}

const ALL_SHOWN = 'Every value and gradient is on the graph.';

/**
 * The line under the graph saying what to do next, on each page: the explorer (keys, the quiz,
 * sliders that presenter mode may hide), the lesson (its text walks the steps) and an embed
 * (stepping only).
 */
export function stepHint(page: 'explorer' | 'lesson' | 'embed', state: HintState): string {
	const { done } = state;
	switch (page) {
		case 'explorer':
			if (state.asking)
				return `Predict ${state.asking}: type it above, or press → (Page Down) to reveal it.`;
			if (!done) return 'Press → (or Page Down) to compute the first node of the forward pass.';
			return state.sliders === false
				? `${ALL_SHOWN} Press S to show the sliders, or Home, then → to step through.`
				: `${ALL_SHOWN} Drag a slider to see them all change, or press Home, then → to step through.`;
		case 'lesson':
			return done
				? `${ALL_SHOWN} Drag a slider to see them all change.`
				: 'Nothing is computed yet: the leaves on the left are all that is known.';
		case 'embed':
			return done
				? `${ALL_SHOWN} Press Home, then → to step through.`
				: 'Press → to compute the next step.';
	}
}

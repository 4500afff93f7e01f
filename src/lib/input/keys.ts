/** What a key press asks of the player, or null when the key belongs to the focused control. */
export type Command =
	| 'next'
	| 'previous'
	| 'toggle'
	| 'reset'
	| 'end'
	| 'faster'
	| 'slower'
	| 'presenter'
	| 'fullscreen'
	| 'theme'
	| 'sliders'
	| 'export'
	| 'view'
	| 'quiz';

// Letter shortcuts, case-insensitive: P presenter, F fullscreen, T theme, S sliders, E export,
// O named / op-level view, Q quiz.
const LETTERS: Record<string, Command> = {
	p: 'presenter',
	f: 'fullscreen',
	t: 'theme',
	s: 'sliders',
	e: 'export',
	o: 'view',
	q: 'quiz'
};

export interface KeyTarget {
	tagName: string;
	type?: string;
	isContentEditable?: boolean;
}

const TEXT_TYPES = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password']);

export function keyCommand(
	key: string,
	target: KeyTarget | null,
	modifiers = false
): Command | null {
	if (modifiers) return null;
	const tag = target?.tagName.toLowerCase() ?? '';
	// Typing goes to text fields, always.
	if (
		target?.isContentEditable ||
		tag === 'textarea' ||
		(tag === 'input' && TEXT_TYPES.has(target?.type ?? 'text'))
	) {
		return null;
	}
	// A presenter clicker sends Page Down / Page Up: they drive the lesson even from a slider.
	if (key === 'PageDown') return 'next';
	if (key === 'PageUp') return 'previous';
	// Sliders, selects and checkboxes keep their own arrow and Home/End keys; buttons their Enter/Space.
	const ownsArrows = tag === 'input' || tag === 'select';
	const ownsActivation =
		tag === 'button' ||
		tag === 'select' ||
		tag === 'summary' ||
		(tag === 'input' && target?.type === 'checkbox');
	switch (key) {
		case 'ArrowRight':
			return ownsArrows ? null : 'next';
		case 'ArrowLeft':
			return ownsArrows ? null : 'previous';
		case 'Enter':
			return ownsActivation ? null : 'next';
		case ' ':
		case 'Spacebar':
			return ownsActivation ? null : 'toggle';
		case 'Home':
			return ownsArrows ? null : 'reset';
		case 'End':
			return ownsArrows ? null : 'end';
		case '+':
		case '=':
			return 'faster';
		case '-':
		case '_':
			return 'slower';
		default:
			return LETTERS[key.toLowerCase()] ?? null;
	}
}

/** The command a browser key event asks for, judged by the element it was typed into. */
export function commandFor(event: KeyboardEvent): Command | null {
	const target = event.target instanceof HTMLElement ? event.target : null;
	return keyCommand(
		event.key,
		target
			? {
					tagName: target.tagName,
					type: (target as HTMLInputElement).type,
					isContentEditable: target.isContentEditable
				}
			: null,
		event.ctrlKey || event.metaKey || event.altKey
	);
}

/** Full screen on or off; false where the browser does not allow it here. */
export async function toggleFullscreen(): Promise<boolean> {
	try {
		if (document.fullscreenElement) await document.exitFullscreen();
		else await document.documentElement.requestFullscreen();
		return true;
	} catch {
		return false;
	}
}

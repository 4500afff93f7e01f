import { quote } from '$lib/state/url-state';

/**
 * What an embed shows besides the graph and the step bar: `show=sliders,formula` in its link.
 * Parts are comma-separated, in any order; unknown ones are noted (as plain text) and skipped.
 */
export const SHOW_PARTS = ['sliders', 'formula', 'quiz', 'code'] as const;
export type ShowPart = (typeof SHOW_PARTS)[number];

const MAX_NOTED = 3;

export function parseShow(raw: string | null): { parts: Set<ShowPart>; problems: string[] } {
	const parts = new Set<ShowPart>();
	const unknown: string[] = [];
	for (const word of (raw ?? '').split(',')) {
		const part = word.trim();
		if (part === '') continue;
		if ((SHOW_PARTS as readonly string[]).includes(part)) parts.add(part as ShowPart);
		else unknown.push(part);
	}
	if (unknown.length === 0) return { parts, problems: [] };
	const named = unknown.slice(0, MAX_NOTED).map((u) => `“${quote(u)}”`);
	const more = unknown.length > MAX_NOTED ? ` and ${unknown.length - MAX_NOTED} more` : '';
	const known = SHOW_PARTS.join(', ');
	return { parts, problems: [`show= knows ${known}, not ${named.join(', ')}${more}`] };
}

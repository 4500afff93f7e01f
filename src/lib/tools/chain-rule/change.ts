/** One replacement turning `from` into `to`: the part between their common start and end. */
export interface Change {
	from: number;
	to: number;
	insert: string;
}

/**
 * The smallest single change from one text to another. An editor that applies it instead of
 * replacing everything keeps the cursor and the undo history where the text did not change.
 */
export function changeBetween(before: string, after: string): Change {
	const max = Math.min(before.length, after.length);
	let start = 0;
	while (start < max && before[start] === after[start]) start++;
	let end = 0;
	while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end])
		end++;
	return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

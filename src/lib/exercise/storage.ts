/**
 * The learner's code survives a reload. Storage can be missing or refuse (private windows,
 * blocked cookies, a full quota): then the exercise works without it.
 */
const KEY = 'backprop-explorer:chain-rule-exercise';

function storage(): Storage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
}

export function loadCode(store: Storage | null = storage()): string | null {
	try {
		return store?.getItem(KEY) ?? null;
	} catch {
		return null;
	}
}

export function saveCode(code: string, store: Storage | null = storage()): void {
	try {
		store?.setItem(KEY, code);
	} catch {
		// Not kept across reloads; nothing else depends on it.
	}
}

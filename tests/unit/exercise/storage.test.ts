import { describe, expect, it } from 'vitest';
import { loadCode, saveCode } from '$lib/exercise/storage';

function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (k) => items.get(k) ?? null,
		key: (i) => [...items.keys()][i] ?? null,
		removeItem: (k) => void items.delete(k),
		setItem: (k, v) => void items.set(k, v)
	};
}

const refusing = {
	getItem() {
		throw new Error('SecurityError');
	},
	setItem() {
		throw new Error('QuotaExceededError');
	}
} as unknown as Storage;

describe('keeping the code', () => {
	it('gives back what was saved', () => {
		const store = memoryStorage();
		expect(loadCode(store)).toBeNull();
		saveCode('const a = 1;', store);
		expect(loadCode(store)).toBe('const a = 1;');
	});

	it('works without storage, or with storage that throws', () => {
		expect(() => saveCode('x', refusing)).not.toThrow();
		expect(loadCode(refusing)).toBeNull();
		expect(loadCode(null)).toBeNull();
		// Node has no localStorage: the default store is simply absent
		expect(() => saveCode('x')).not.toThrow();
	});
});

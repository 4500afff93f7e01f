import { describe, expect, it } from 'vitest';
import { LocalStore } from '$lib/state/storage.svelte';

function memoryStorage(quota = Infinity): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (k) => items.get(k) ?? null,
		key: (i) => [...items.keys()][i] ?? null,
		removeItem: (k) => void items.delete(k),
		setItem: (k, v) => {
			if (items.size >= quota && !items.has(k))
				throw new DOMException('full', 'QuotaExceededError');
			items.set(k, v);
		}
	};
}

const refusing = {
	getItem() {
		throw new DOMException('blocked', 'SecurityError');
	},
	setItem() {
		throw new DOMException('full', 'QuotaExceededError');
	}
} as unknown as Storage;

describe('LocalStore', () => {
	it('gives back what was saved, under the app’s own key', () => {
		const storage = memoryStorage();
		const store = new LocalStore(() => storage);
		expect(store.get('code')).toBeNull();
		store.set('code', 'const a = 1;');
		expect(store.get('code')).toBe('const a = 1;');
		expect(storage.getItem('backprop-explorer:code')).toBe('const a = 1;');
		expect(store.check()).toBe(true);
		expect(store.kept).toBe(true);
		expect(storage.length).toBe(1);
	});

	it('works without storage, or with storage that throws, and says so', () => {
		for (const open of [
			() => refusing,
			() => null,
			() => {
				throw new DOMException('blocked', 'SecurityError');
			}
		]) {
			const store = new LocalStore(open);
			expect(() => store.set('code', 'x')).not.toThrow();
			expect(store.get('code')).toBeNull();
			expect(store.kept).toBe(false);
		}
		// Node has no localStorage: the default store is simply absent.
		const store = new LocalStore();
		expect(() => store.set('code', 'x')).not.toThrow();
		expect(store.get('code')).toBeNull();
	});

	it('notices a full storage on the first check, before any write is lost', () => {
		const storage = memoryStorage(1);
		storage.setItem('someone-else', 'x'.repeat(10));
		const store = new LocalStore(() => storage);
		expect(store.get('theme')).toBeNull();
		expect(store.kept).toBe(true);
		expect(store.check()).toBe(false);
		expect(store.kept).toBe(false);
	});

	it('stays not kept once a write failed, even if a later one succeeds', () => {
		let full = true;
		const storage = memoryStorage();
		const store = new LocalStore(() => ({
			...storage,
			getItem: (k: string) => storage.getItem(k),
			setItem: (k: string, v: string) => {
				if (full) throw new DOMException('full', 'QuotaExceededError');
				storage.setItem(k, v);
			}
		}));
		store.set('code', 'long');
		expect(store.kept).toBe(false);
		full = false;
		store.set('code', 'short');
		expect(store.get('code')).toBe('short');
		expect(store.kept).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { Settings } from '$lib/state/settings.svelte';
import { LocalStore } from '$lib/state/storage.svelte';

function memoryStore(): { store: LocalStore; items: Map<string, string> } {
	const items = new Map<string, string>();
	const storage = {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		removeItem: (k: string) => void items.delete(k)
	} as unknown as Storage;
	return { store: new LocalStore(() => storage), items };
}

describe('Settings: the theme', () => {
	it('follows the system until chosen, and a chosen theme comes back in a new page', () => {
		const { store } = memoryStore();
		const first = new Settings(store);
		first.restoreTheme();
		expect(first.theme).toBe('system');
		first.cycleTheme();
		first.cycleTheme();
		expect(first.theme).toBe('dark');
		const next = new Settings(store);
		next.restoreTheme();
		expect(next.theme).toBe('dark');
		// Cycling on to 'system' is a choice too: follow the system again next time.
		next.cycleTheme();
		const third = new Settings(store);
		third.theme = 'light';
		third.restoreTheme();
		expect(third.theme).toBe('system');
	});

	it('ignores a stored value it does not know', () => {
		const { store, items } = memoryStore();
		items.set('backprop-explorer:theme', '<b>purple</b>');
		const settings = new Settings(store);
		settings.restoreTheme();
		expect(settings.theme).toBe('system');
	});

	it('still cycles when storage refuses', () => {
		const store = new LocalStore(() => {
			throw new DOMException('blocked', 'SecurityError');
		});
		const settings = new Settings(store);
		settings.restoreTheme();
		settings.cycleTheme();
		expect(settings.theme).toBe('light');
		expect(store.kept).toBe(false);
	});
});

import { localStore, type LocalStore } from './storage.svelte';
import type { Theme } from './url-state';

const THEME_KEY = 'theme';

/** How the page is shown: presenter mode, its slider strip, and the colour theme. */
export class Settings {
	presenter = $state(false);
	/** In presenter mode the sliders fold away unless the teacher keeps them on screen. */
	sliders = $state(false);
	/** 'system' follows the operating system until someone chooses. */
	theme: Theme = $state('system');
	#store: LocalStore;

	constructor(store: LocalStore = localStore) {
		this.#store = store;
	}

	togglePresenter(): void {
		this.presenter = !this.presenter;
	}

	toggleSliders(): void {
		this.sliders = !this.sliders;
	}

	/** system → light → dark → system; the choice is remembered in this browser. */
	cycleTheme(): void {
		this.theme = this.theme === 'system' ? 'light' : this.theme === 'light' ? 'dark' : 'system';
		this.#store.set(THEME_KEY, this.theme);
	}

	/** Back to the theme chosen last in this browser, if any (call it in the browser only). */
	restoreTheme(): void {
		const saved = this.#store.get(THEME_KEY);
		if (saved === 'system' || saved === 'light' || saved === 'dark') this.theme = saved;
	}
}

/** Show a theme: data-theme on <html> picks the light-dark() side ('system' leaves it to the OS). */
export function applyTheme(theme: Theme): void {
	const root = document.documentElement;
	if (theme === 'system') delete root.dataset.theme;
	else root.dataset.theme = theme;
}

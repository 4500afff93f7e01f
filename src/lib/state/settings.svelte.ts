import type { Theme } from './url-state';

/** How the page is shown: presenter mode, its slider strip, and the colour theme. */
export class Settings {
	presenter = $state(false);
	/** In presenter mode the sliders fold away unless the teacher keeps them on screen. */
	sliders = $state(false);
	/** 'system' follows the operating system until someone chooses. */
	theme: Theme = $state('system');

	togglePresenter(): void {
		this.presenter = !this.presenter;
	}

	toggleSliders(): void {
		this.sliders = !this.sliders;
	}

	/** system → light → dark → system */
	cycleTheme(): void {
		this.theme = this.theme === 'system' ? 'light' : this.theme === 'light' ? 'dark' : 'system';
	}
}

import { parseColour, type HeatColours, type Sign } from '$lib/graphs/heatmap';

/** The theme's CSS variable for each sign's colour. */
const VARIABLES: Record<Sign, string> = {
	neg: '--grad-negative',
	pos: '--grad-positive',
	zero: '--muted'
};

/** The light theme's colours, for a page that cannot resolve them. */
const LIGHT: HeatColours = { neg: [140, 33, 89], pos: [0, 92, 67], zero: [63, 69, 77] };

/**
 * The heatmap's colours as the page's theme resolves them. A canvas cannot use CSS variables
 * (they are light-dark() pairs), so they are read once and again whenever the theme changes:
 * a choice on the page (data-theme on <html>) or the system's light or dark.
 */
class ThemeColours {
	#version = $state(0);
	#resolved: HeatColours | null = null;
	#listening = false;

	get current(): HeatColours {
		void this.#version;
		if (this.#resolved) return this.#resolved;
		if (typeof document === 'undefined') return LIGHT;
		this.#resolved = resolve();
		if (!this.#listening) this.#listen();
		return this.#resolved;
	}

	#listen(): void {
		this.#listening = true;
		const changed = () => {
			this.#resolved = null;
			this.#version++;
		};
		matchMedia('(prefers-color-scheme: dark)').addEventListener('change', changed);
		new MutationObserver(changed).observe(document.documentElement, {
			attributes: true,
			attributeFilter: ['data-theme']
		});
	}
}

function resolve(): HeatColours {
	// A computed `color` is the resolved rgb() of the light-dark() pair, for the page's scheme.
	const probe = document.createElement('span');
	probe.hidden = true;
	document.body.append(probe);
	const colours = { ...LIGHT };
	for (const sign of Object.keys(VARIABLES) as Sign[]) {
		probe.style.color = `var(${VARIABLES[sign]})`;
		colours[sign] = parseColour(getComputedStyle(probe).color) ?? LIGHT[sign];
	}
	probe.remove();
	return colours;
}

export const themeColours = new ThemeColours();

/**
 * Export the graph as it is on screen, for slides: a standalone SVG (styles inlined, the
 * current step's formula written underneath) and PNGs rendered from it at 2× or 4×.
 */

import { layoutCaption } from './wrap';

// The properties that make the picture; everything else keeps SVG defaults.
const STYLE_PROPERTIES = [
	'fill',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-linejoin',
	'paint-order',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'font-style',
	'font-variant-numeric',
	'text-anchor',
	'visibility'
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface ExportOptions {
	/** plain-text paragraphs written under the graph (the formula panel's content), wrapped to its width */
	caption: string[];
	/** the page background, so the export looks as on screen in either theme */
	background: string;
	/** caption colour and size in graph units */
	captionColor: string;
	captionSize: number;
	fontFamily: string;
}

/** A self-contained SVG document of `svg` as rendered now, with a caption underneath. */
export function standaloneSvg(
	svg: SVGSVGElement,
	options: ExportOptions
): { text: string; width: number; height: number } {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	inlineStyles(svg, clone);
	const box = svg.viewBox.baseVal;
	const rendered = svg.getBoundingClientRect();
	// Export at the on-screen size: one SVG unit is rendered.width / box.width pixels.
	const scale = rendered.width / box.width;
	// The caption wraps to the picture's width, and the picture grows to hold all of it.
	const caption = layoutCaption(options.caption, box.width, options.captionSize);
	const height = box.height + caption.height;

	const background = document.createElementNS(SVG_NS, 'rect');
	background.setAttribute('x', String(box.x));
	background.setAttribute('y', String(box.y));
	background.setAttribute('width', String(box.width));
	background.setAttribute('height', String(height));
	background.setAttribute('fill', options.background);
	clone.insertBefore(background, clone.firstChild);

	for (const line of caption.lines) {
		const text = document.createElementNS(SVG_NS, 'text');
		text.setAttribute('x', String(box.x + line.x));
		text.setAttribute('y', String(box.y + box.height + line.y));
		text.setAttribute('font-size', String(options.captionSize));
		text.setAttribute('font-family', options.fontFamily);
		text.setAttribute('fill', options.captionColor);
		text.setAttribute('data-caption', '');
		text.textContent = line.text;
		clone.appendChild(text);
	}

	const width = Math.round(box.width * scale);
	const pixelHeight = Math.round(height * scale);
	clone.setAttribute('xmlns', SVG_NS);
	clone.setAttribute('viewBox', `${box.x} ${box.y} ${box.width} ${height}`);
	clone.setAttribute('width', String(width));
	clone.setAttribute('height', String(pixelHeight));
	clone.removeAttribute('class');
	clone.removeAttribute('style');
	const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
	return { text, width, height: pixelHeight };
}

/**
 * Copies the computed style of each element of `source` onto its twin in `target`, and removes
 * the twins of elements that are not displayed (presenter mode hides the edge labels): the
 * export shows what the screen shows.
 */
function inlineStyles(source: Element, target: Element): void {
	const hidden: Element[] = [];
	const walk = (from: Element, to: Element) => {
		const computed = getComputedStyle(from);
		if (computed.display === 'none') {
			hidden.push(to);
			return;
		}
		const declarations = STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(
			';'
		);
		to.setAttribute('style', declarations);
		to.removeAttribute('class');
		for (let i = 0; i < from.children.length; i++) walk(from.children[i], to.children[i]);
	};
	walk(source, target);
	for (const element of hidden) element.remove();
}

/** Render an SVG document to a PNG of `scale` × its size. */
export async function svgToPng(
	svg: { text: string; width: number; height: number },
	scale: number
): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = svg.width * scale;
		canvas.height = svg.height * scale;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('this browser cannot draw to a canvas');
		context.drawImage(image, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

export function download(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.appendChild(a);
	a.click();
	a.remove();
	// Give the browser a moment to start the download before the URL goes away.
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

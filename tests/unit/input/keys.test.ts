import { describe, expect, it } from 'vitest';
import { keyCommand } from '$lib/input/keys';

const body = { tagName: 'BODY' };
const slider = { tagName: 'INPUT', type: 'range' };
const field = { tagName: 'INPUT', type: 'text' };
const button = { tagName: 'BUTTON' };

describe('keyCommand', () => {
	it('maps the lesson keys when nothing owns them', () => {
		expect(['ArrowRight', 'PageDown', 'Enter'].map((k) => keyCommand(k, body))).toEqual([
			'next',
			'next',
			'next'
		]);
		expect(['ArrowLeft', 'PageUp'].map((k) => keyCommand(k, body))).toEqual([
			'previous',
			'previous'
		]);
		expect(keyCommand(' ', body)).toBe('toggle');
		expect(keyCommand('Home', body)).toBe('reset');
		expect(keyCommand('End', body)).toBe('end');
		expect(keyCommand('+', body)).toBe('faster');
		expect(keyCommand('-', body)).toBe('slower');
		expect(keyCommand('x', body)).toBeNull();
		expect(['p', 'P', 'f', 't', 's', 'e'].map((k) => keyCommand(k, body))).toEqual([
			'presenter',
			'presenter',
			'fullscreen',
			'theme',
			'sliders',
			'export'
		]);
		expect(keyCommand('p', slider)).toBe('presenter');
		expect(['o', 'O'].map((k) => keyCommand(k, body))).toEqual(['view', 'view']);
		expect(keyCommand('o', slider)).toBe('view');
		expect(keyCommand('o', field)).toBeNull();
		expect(keyCommand('p', field)).toBeNull();
		expect(keyCommand('Escape', body)).toBeNull();
	});

	it('leaves typing to text fields', () => {
		for (const key of ['ArrowRight', 'PageDown', ' ', 'Home', '+', 'Enter'])
			expect(keyCommand(key, field)).toBeNull();
		expect(keyCommand('ArrowRight', { tagName: 'DIV', isContentEditable: true })).toBeNull();
		expect(keyCommand('ArrowRight', { tagName: 'TEXTAREA' })).toBeNull();
	});

	it('lets sliders keep their arrows but not the clicker’s page keys', () => {
		expect(keyCommand('ArrowRight', slider)).toBeNull();
		expect(keyCommand('Home', slider)).toBeNull();
		expect(keyCommand('PageDown', slider)).toBe('next');
		expect(keyCommand('PageUp', slider)).toBe('previous');
	});

	it('lets buttons keep Enter and Space', () => {
		expect(keyCommand('Enter', button)).toBeNull();
		expect(keyCommand(' ', button)).toBeNull();
		expect(keyCommand('ArrowRight', button)).toBe('next');
	});

	it('ignores keys with modifiers (browser shortcuts)', () => {
		expect(keyCommand('ArrowRight', body, true)).toBeNull();
	});
});

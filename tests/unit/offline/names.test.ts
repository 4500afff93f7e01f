import { describe, expect, it } from 'vitest';
import { cacheName, staleCaches } from '$lib/offline/names';

const HERE = 'https://example.org/course/backprop/';
const ELSEWHERE = 'https://example.org/other-course/';

describe('the service worker’s caches', () => {
	it('names one cache per scope and version', () => {
		expect(cacheName(HERE, '1700')).toBe(`backprop-explorer ${HERE} 1700`);
		expect(cacheName(HERE, '1700')).not.toBe(cacheName(HERE, '1800'));
		expect(cacheName(HERE, '1700')).not.toBe(cacheName(ELSEWHERE, '1700'));
	});

	it('finds this scope’s older versions, and leaves the current one and everyone else’s', () => {
		const keys = [
			cacheName(HERE, '1600'),
			cacheName(HERE, '1700'),
			cacheName(HERE, '1800'),
			cacheName(ELSEWHERE, '1600'),
			// a scope that merely begins like ours is another copy of the app
			cacheName(`${HERE}nested/`, '1600'),
			'some-other-app-v1'
		];
		expect(staleCaches(keys, HERE, '1800')).toEqual([
			cacheName(HERE, '1600'),
			cacheName(HERE, '1700')
		]);
		expect(staleCaches([cacheName(HERE, '1800')], HERE, '1800')).toEqual([]);
	});
});

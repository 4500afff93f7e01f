import { describe, expect, it } from 'vitest';
import { textbookNetwork } from '$lib/graphs/textbook';
import { Session } from '$lib/state/session.svelte';
import { LocalStore } from '$lib/state/storage.svelte';
import { Quiz } from '$lib/tools/quiz/quiz.svelte';
import { decodeView, encodeView } from '$lib/state/url-state';

function memoryStorage(): Storage {
	const data = new Map<string, string>();
	return {
		get length() {
			return data.size;
		},
		clear: () => data.clear(),
		getItem: (k) => data.get(k) ?? null,
		key: (i) => [...data.keys()][i] ?? null,
		removeItem: (k) => void data.delete(k),
		setItem: (k, v) => void data.set(k, v)
	};
}

function quizSession(storage = memoryStorage()) {
	const session = new Session(textbookNetwork());
	const quiz = new Quiz(session, new LocalStore(() => storage));
	session.player.intercept = () => quiz.intercept();
	return { session, quiz, player: session.player, storage };
}

describe('Quiz', () => {
	it('starts from the beginning and hides the number the step computes until it is answered', () => {
		const { session, quiz, player } = quizSession();
		const z = session.explorer.graph.byId.get('z')!;
		quiz.toggle();
		expect(player.position).toBe(0);
		player.next();
		expect(player.position).toBe(1);
		expect(quiz.current?.key).toBe('value:z');
		expect(quiz.asking).toEqual({ node: z, what: 'value' });
		expect(quiz.mask(session.frame).valueKnown[z]).toBe(false);
		expect(quiz.equations).toEqual([]);
		quiz.check('0.9');
		expect(quiz.feedback).toMatchObject({ kind: 'wrong', code: 'other' });
		quiz.check('0.7');
		expect(quiz.feedback).toMatchObject({ kind: 'right' });
		expect(quiz.current).toBeUndefined();
		expect(quiz.mask(session.frame).valueKnown[z]).toBe(true);
		expect(quiz.equations).toHaveLength(1);
		expect(quiz.round['value:z']).toEqual({ result: 'after', hints: 0, mistakes: ['other'] });
	});

	it('reveals on the next press, asks a step’s numbers in turn, and stops playback at a question', () => {
		const { quiz, player } = quizSession();
		quiz.toggle();
		player.seek(5);
		player.next();
		expect(quiz.pending.map((q) => q.key)).toEqual(['grad:yhat@6', 'grad:y@6']);
		expect(quiz.equations).toEqual([]);
		player.next();
		expect(player.position).toBe(6);
		expect(quiz.current?.key).toBe('grad:y@6');
		expect(quiz.equations).toHaveLength(1);
		expect(quiz.round['grad:yhat@6'].result).toBe('revealed');
		player.next();
		expect(quiz.current).toBeUndefined();
		player.play();
		player.next();
		expect(player.position).toBe(7);
		expect(quiz.current?.key).toBe('grad:v@7');
		player.next();
		expect(player.playing).toBe(false);
		expect(quiz.current?.key).toBe('grad:v@7');
	});

	it('counts hints, keeps the round in storage, and forgets it on Start over', () => {
		const storage = memoryStorage();
		const first = quizSession(storage);
		first.quiz.toggle();
		first.player.next();
		first.quiz.hint();
		first.quiz.hint();
		expect(first.quiz.hints).toHaveLength(2);
		first.quiz.check('0.7');
		expect(first.quiz.round['value:z']).toMatchObject({ result: 'after', hints: 2 });
		const second = quizSession(storage);
		expect(second.quiz.round['value:z']).toMatchObject({ result: 'after' });
		second.quiz.startOver();
		expect(second.quiz.round['value:z']).toBeUndefined();
		expect(quizSession(storage).quiz.round['value:z']).toBeUndefined();
	});

	it('draws the same new numbers from the same seed', () => {
		const a = quizSession();
		const b = quizSession();
		a.quiz.useSeed(1234);
		b.quiz.useSeed(1234);
		const values = (s: Session) => s.explorer.parameters.map((p) => s.explorer.value(p.node));
		expect(values(a.session)).toEqual(values(b.session));
		expect(values(a.session)).not.toEqual([1, 0.5, 0.4, 0.6, 0.8, 1]);
	});

	it('does nothing to stepping while off', () => {
		const { quiz, player } = quizSession();
		player.reset();
		player.next();
		expect(quiz.current).toBeUndefined();
		player.next();
		expect(player.position).toBe(2);
	});
});

describe('quiz and seed in the link', () => {
	const base = {
		values: {},
		step: undefined,
		presenter: false,
		sliders: false,
		theme: 'system' as const,
		view: 'named' as const,
		graph: { kind: 'preset' as const, id: 'textbook' }
	};

	it('round-trips', () => {
		const query = encodeView({ ...base, quiz: true, seed: 42 }, { values: {}, steps: 15 });
		expect(query).toBe('quiz=1&seed=42');
		const decoded = decodeView(new URLSearchParams(query), [], 15);
		expect(decoded.problems).toEqual([]);
		expect(decoded.value).toMatchObject({ quiz: true, seed: 42 });
	});

	it('reports a bad seed or quiz value', () => {
		const decoded = decodeView(new URLSearchParams('quiz=yes&seed=-3'), [], 15);
		expect(decoded.problems).toEqual([
			'quiz must be 0 or 1',
			'seed must be a whole number from 1 to 2147483647'
		]);
		expect(decoded.value.quiz).toBeUndefined();
		expect(decoded.value.seed).toBeUndefined();
	});
});

/**
 * PyTorch code in a link: `code=` holds the program as base64url, deflated (`z` first) when
 * that is shorter. Decoding stops at MAX_CODE characters, so a crafted link cannot inflate into
 * something huge; a link never runs anything but the project's own interpreter.
 */
export const MAX_CODE = 50_000;

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
	try {
		const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
		return Uint8Array.from(binary, (c) => c.charCodeAt(0));
	} catch {
		return null;
	}
}

async function pipe(
	bytes: Uint8Array,
	stream: GenerateTransformStream,
	limit: number
): Promise<Uint8Array | null> {
	const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** A byte transform: (de)compression streams take any buffer and give Uint8Arrays. */
type GenerateTransformStream = ReadableWritablePair<Uint8Array, BufferSource>;

export async function encodeCode(source: string): Promise<string> {
	const bytes = new TextEncoder().encode(source);
	const plain = toBase64Url(bytes);
	if (typeof CompressionStream === 'undefined') return plain;
	const packed = await pipe(bytes, new CompressionStream('deflate-raw'), Infinity);
	const zipped = packed ? `z${toBase64Url(packed)}` : plain;
	return zipped.length < plain.length ? zipped : plain;
}

/** The program a `code=` value holds, or a message saying why it cannot be read. */
export async function decodeCode(
	param: string
): Promise<{ ok: true; source: string } | { ok: false; message: string }> {
	const zipped = param.startsWith('z');
	const bytes = fromBase64Url(zipped ? param.slice(1) : param);
	if (!bytes) return { ok: false, message: 'the code in the link is not readable' };
	let raw: Uint8Array | null = bytes;
	if (zipped) {
		if (typeof DecompressionStream === 'undefined')
			return { ok: false, message: 'this browser cannot unpack the code in the link' };
		try {
			// UTF-8 takes at most 4 bytes a character.
			raw = await pipe(bytes, new DecompressionStream('deflate-raw'), 4 * MAX_CODE);
		} catch {
			return { ok: false, message: 'the code in the link is damaged' };
		}
		if (!raw)
			return {
				ok: false,
				message: `the code in the link is longer than ${MAX_CODE.toLocaleString('en-US')} characters`
			};
	}
	const source = new TextDecoder('utf-8', { fatal: false }).decode(raw);
	if (source.length > MAX_CODE)
		return {
			ok: false,
			message: `the code in the link is longer than ${MAX_CODE.toLocaleString('en-US')} characters`
		};
	return { ok: true, source };
}

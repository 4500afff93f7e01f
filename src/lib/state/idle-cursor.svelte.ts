/**
 * Whether the mouse has rested for `delay` ms while `active()` holds (presenter mode hides the
 * cursor then). Call it during component initialisation.
 */
export function idleCursor(active: () => boolean, delay = 3000): { readonly idle: boolean } {
	let idle = $state(false);
	$effect(() => {
		if (!active()) return;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const wake = () => {
			idle = false;
			clearTimeout(timer);
			timer = setTimeout(() => (idle = true), delay);
		};
		wake();
		window.addEventListener('pointermove', wake);
		return () => {
			clearTimeout(timer);
			window.removeEventListener('pointermove', wake);
			idle = false;
		};
	});
	return {
		get idle() {
			return idle;
		}
	};
}

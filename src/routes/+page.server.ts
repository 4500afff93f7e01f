import { textbookLayouts } from '$lib/server/textbook-layout';
import type { PageServerLoad } from './$types';

// The textbook graph is laid out at build time, so the first paint needs no ELK in the browser.
export const load: PageServerLoad = async () => ({ layouts: await textbookLayouts() });

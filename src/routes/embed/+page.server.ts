import { textbookLayouts } from '$lib/server/textbook-layout';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ layouts: await textbookLayouts() });

// The exercise worker: runs the learner's programs off the page's thread (see run.ts).
import { serve } from './run';

const handle = serve((message) => self.postMessage(message));
self.onmessage = (event: MessageEvent) => handle(event.data);

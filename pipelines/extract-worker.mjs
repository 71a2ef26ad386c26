// Worker-thread entry: registers tsx so the TypeScript stages load, then serves extract jobs.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');

// Worker-thread entry of the bench: registers tsx so the TypeScript loads, then runs one shard.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');

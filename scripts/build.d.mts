/** Bundles src/cli.ts and pipelines/extract-worker.ts of the package at ROOT into ROOT/dist. */
export function build(root: string): void;

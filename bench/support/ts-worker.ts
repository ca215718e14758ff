/**
 * The source of an eval'd Worker entry that runs a TypeScript module.
 * COMPAT(tsx): a Worker cannot start from a .ts file, even with `--import tsx` in execArgv
 * (Node 20 loads the entry before the hooks are registered); this entry registers tsx's
 * loader first and then imports the module.
 */
const TSX_API = import.meta.resolve("tsx/esm/api");

export function tsWorkerSource(moduleUrl: string): string {
  return `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl)}); })`;
}

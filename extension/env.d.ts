interface ImportMetaEnv {
  readonly WXT_BACKEND_URL?: string;
  readonly WXT_ANON_KEY?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}

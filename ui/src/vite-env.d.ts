/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `1`: answer the commands with the mock backend (src/dev/mockBackend.ts). */
  readonly VITE_MOCK?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

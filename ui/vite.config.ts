import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The app is served by Tauri from its own protocol: relative asset paths, no dev-server
// assumptions in the build. `npm run dev:mock` serves it in a plain browser against the
// mock backend (src/dev/mockBackend.ts).
export default defineConfig({
  plugins: [react()],
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    target: ['es2022', 'safari16'],
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});

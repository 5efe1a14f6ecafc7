/// <reference types="vitest/config" />
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(root, 'dist');
const gitkeep = resolve(outDir, '.gitkeep');

// dist/ is emptied on every build, but dist/.gitkeep is tracked (the Go
// server embeds dist/, which must exist even before the first build), so
// it is put back, unchanged, once the bundle is written.
function keepGitkeep(): Plugin {
  let saved = '';
  return {
    name: 'kith-keep-gitkeep',
    apply: 'build',
    buildStart() {
      saved = existsSync(gitkeep) ? readFileSync(gitkeep, 'utf8') : '';
    },
    closeBundle() {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(gitkeep, saved);
    },
  };
}

// The Go server (default :8080) serves GraphQL and its websocket at /query.
const backend = process.env.KITH_DEV_BACKEND ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react(), keepGitkeep()],
  server: { proxy: { '/query': { target: backend, ws: true } } },
  preview: { proxy: { '/query': { target: backend, ws: true } } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});

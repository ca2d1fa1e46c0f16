import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The shared API contract is compiled to CommonJS for the server; the console takes its TypeScript
// sources instead, so that a changed request or response shape fails this build too.
const shared = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));
/** Where `npm run dev:console` sends API calls: a server started with `npm start`. */
const apiTarget = process.env.CONSOLE_API_TARGET ?? 'http://127.0.0.1:3000';
const API_PREFIXES = ['/admin', '/image', '/healthz'];

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  resolve: { alias: { '@shanqian/shared': shared } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, proxy: Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, { target: apiTarget, changeOrigin: true }])) },
});

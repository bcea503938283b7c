import { defineConfig } from 'vitest/config';

// In development Vite proxies the API (run.sh serves it on 5080) so the app stays same-origin, as in production.
const api = process.env.HOTSPOTINTEL_API ?? 'http://127.0.0.1:5080';

export default defineConfig({
  server: { proxy: { '/api': api, '/tiles': api } },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 1200 },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});

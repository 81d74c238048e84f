import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    proxy: {
      '/trpc': { target: api, ws: true },
      '/api': api,
      '/healthz': api,
    },
  },
  // Relative to the project root (apps/web); the API server serves this folder.
  build: { outDir: 'dist', emptyOutDir: true },
});

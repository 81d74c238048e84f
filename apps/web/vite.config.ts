import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

/** Libraries that change together are cached together: an app release re-downloads only the app. */
const vendorGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: 'markdown', test: /node_modules[\\/](react-markdown|remark-.*|rehype-.*|micromark.*|mdast-.*|hast-.*|unist-.*|unified|vfile.*|property-information|space-separated-tokens|comma-separated-tokens|decode-named-character-reference|character-entities.*|ccount|devlop|bail|trough|is-plain-obj|zwitch|longest-streak|markdown-table|trim-lines|html-url-attributes|style-to-js|style-to-object|inline-style-parser|estree-util-.*|escape-string-regexp)[\\/]/ },
  { name: 'radix', test: /node_modules[\\/](radix-ui|@radix-ui|@floating-ui|react-remove-scroll.*|aria-hidden|react-style-singleton|use-callback-ref|use-sidecar|get-nonce|tslib)[\\/]/ },
  { name: 'data', test: /node_modules[\\/](@tanstack|@trpc)[\\/]/ },
  { name: 'vendor', test: /node_modules/ },
];

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
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The service worker is its own entry, at the root so its scope is the whole app.
      input: { index: 'index.html', sw: 'src/offline/sw.ts' },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});

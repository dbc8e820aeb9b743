import { defineConfig } from 'vite';

// No framework plugin: Vite's oxc transform compiles TSX against Preact's automatic JSX runtime.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    // Fonts and icons ship as files from 'self': no data: URLs (CSP font-src/img-src 'self').
    assetsInlineLimit: 0,
    // The preload polyfill would be injected as code; every supported browser has modulepreload.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    // `npm run dev` against a running `sbomhub serve` (SBOMHUB_API, default 127.0.0.1:8080).
    proxy: { '/api': process.env.SBOMHUB_API ?? 'http://127.0.0.1:8080' },
  },
});

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Each built script, stylesheet and the page itself is also written brotli- and gzip-compressed at the highest
 * levels (once, at build time), which the platform serves to browsers that accept them; compressing
 * on every request could only afford a lower level.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'yiwang-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/^assets\/.*\.(js|css|svg)$|^index\.html$/.test(fileName)) continue;
        const file = path.join(outDir, fileName);
        const bytes = fs.readFileSync(file);
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// The web app is built into web/dist and served by the platform process itself.
// `npm run dev:web` serves it with hot reload and forwards /api to a running platform.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Which chunks each page needs (dist/.vite/manifest.json): the web-assets test sums a page's first load from it.
    manifest: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      // antd and TanStack Query mark modules "use client" for React Server Components; meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
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
    // zlib's asynchronous calls run on libuv's thread pool: the files are compressed in parallel.
    async writeBundle(_options, bundle) {
      const brotli = promisify(zlib.brotliCompress);
      const gzip = promisify(zlib.gzip);
      const files = Object.keys(bundle).filter((fileName) => /^assets\/.*\.(js|css|svg)$|^index\.html$/.test(fileName));
      await Promise.all(
        files.map(async (fileName) => {
          const file = path.join(outDir, fileName);
          const bytes = await fs.promises.readFile(file);
          const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
          await fs.promises.writeFile(`${file}.br`, await brotli(bytes, { params }));
          await fs.promises.writeFile(`${file}.gz`, await gzip(bytes, { level: 9 }));
        }),
      );
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
      // @rc-component/form's package.json does not say it is free of side effects, and its index assigns
      // Form.Field, Form.List, … at top level: every antd Input, Select or Menu (through antd's form context)
      // kept the whole form library and its validator. Its modules only define; unused ones can go.
      treeshake: { moduleSideEffects: [{ test: /\/node_modules\/@rc-component\/form\//, sideEffects: false }] },
      // antd and TanStack Query mark modules "use client" for React Server Components; meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

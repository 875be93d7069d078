// Builds the web interface into dist/: one JavaScript bundle and one stylesheet with content
// hashes in their names (cached forever by the node), index.html naming them (never cached),
// and a gzip twin of each file that the node sends to browsers accepting gzip. Prints the
// first-load size, compressed, and fails when it passes the budget of docs/web.md.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, rmSync, mkdirSync, readdirSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { basename } from 'node:path';

const BUDGET = 300 * 1024;
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/assets', { recursive: true });

// Every file in src/i18n/ is a language: adding one is adding a file (docs/web.md).
const messages = {
  name: 'messages',
  setup(b) {
    b.onResolve({ filter: /^virtual:messages$/ }, () => ({ path: 'messages', namespace: 'messages' }));
    b.onLoad({ filter: /.*/, namespace: 'messages' }, () => {
      const all = {};
      for (const f of readdirSync('src/i18n').filter((n) => n.endsWith('.json')).sort())
        all[f.slice(0, -5)] = JSON.parse(readFileSync(`src/i18n/${f}`, 'utf8'));
      return { contents: JSON.stringify(all), loader: 'json', watchFiles: readdirSync('src/i18n').map((f) => `src/i18n/${f}`) };
    });
  },
};

const result = await esbuild.build({
  plugins: [messages],
  entryPoints: { app: 'src/main.js', style: 'src/style.css' },
  bundle: true, minify: true, format: 'esm', target: ['es2020'], platform: 'browser',
  entryNames: '[name]-[hash]', outdir: 'dist/assets', metafile: true, legalComments: 'eof',
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outputs.find((n) => n.startsWith('app-') && n.endsWith('.js'));
const css = outputs.find((n) => n.startsWith('style-') && n.endsWith('.css'));
const html = readFileSync('src/index.html', 'utf8').replace('%APP%', `/assets/${js}`).replace('%STYLE%', `/assets/${css}`);
writeFileSync('dist/index.html', html);

let total = 0;
const gz = (path) => {
  const z = gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(path + '.gz', z);
  return z.length;
};
total += gz('dist/index.html');
for (const f of readdirSync('dist/assets')) if (!f.endsWith('.gz')) total += gz(`dist/assets/${f}`);
writeFileSync('dist/size.json', JSON.stringify({ firstLoadGzipBytes: total, budget: BUDGET }) + '\n');
console.log(`web: built dist/ (index.html, ${js}, ${css}); first load ${(total / 1024).toFixed(1)} KiB gzipped (budget ${BUDGET / 1024} KiB)`);
if (total > BUDGET) {
  console.error('web: the first load passes its budget; see docs/web.md');
  process.exit(1);
}

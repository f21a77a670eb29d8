// Compresses the Web Chat bundle once, at build time, for the browsers that accept Brotli or gzip
// (src/AcuBot/AcuBot.csproj runs it; the bot serves the result, Extensions/SiteCompression.cs).
// Usage: node precompress.mjs INPUT OUTPUT_FOLDER   ->   OUTPUT_FOLDER/<name>.br and <name>.gz
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node precompress.mjs INPUT OUTPUT_FOLDER');
  process.exit(2);
}
const source = readFileSync(input);
mkdirSync(output, { recursive: true });
const write = (extension, bytes) => {
  // Written aside, then renamed: a build stopped half-way leaves no truncated file that looks complete.
  const target = join(output, basename(input) + extension);
  writeFileSync(target + '.tmp', bytes);
  renameSync(target + '.tmp', target);
  return bytes.length;
};
const brotli = write('.br', brotliCompressSync(source, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
  },
}));
const gzip = write('.gz', gzipSync(source, { level: 9 }));
console.log(`${basename(input)}: ${source.length} bytes, brotli ${brotli}, gzip ${gzip}`);


/**
 * HTML to PDF with Debian's Chromium (correct Chinese layout with fonts-noto-cjk). Used by
 * jobs, so a machine without Chromium gets a failed job with this message, not a broken request.
 */
export async function renderPdf(html: string): Promise<Buffer> {
  // Loaded when a PDF is first rendered (a job), not at start: about 80 MB of every API process's memory.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' } });
  } finally {
    await browser.close();
  }
}

/** How much of a PDF's text is kept for the search: a long tender document's first pages say what it buys. */
export const PDF_TEXT_LIMITS = { pages: 200, characters: 100_000 };

/**
 * CJK fonts map many glyphs to radical code points, which no visitor types: NFKC turns the Kangxi
 * radicals back into characters (⼭ 山, ⽇ 日), not most of the CJK Radicals Supplement, so these
 * pairs (radical, character; the simplified forms' radicals) do.
 */
const RADICAL_CHARACTERS = new Map(
  [...'⺠民⻄西⻅见⻆角⻉贝⻋车⻑長⻓长⻔门⻘青⻚页⻛风⻜飞⻝食⻢马⻤鬼⻥鱼⻦鸟⻨麦⻩黄⻬齐⻮齿⻰龙'.matchAll(/(.)(.)/gu)].map(([, radical, character]) => [radical!, character!]),
);
export const withoutRadicals = (text: string) => text.normalize('NFKC').replace(/[\u2e80-\u2eff]/g, (c) => RADICAL_CHARACTERS.get(c) ?? c);

/** The text of a PDF (PDF.js through unpdf, no native parts), or null when it has none (a scan) or cannot be read. */
export async function pdfText(content: Buffer, limits = PDF_TEXT_LIMITS): Promise<string | null> {
  // Loaded on the first upload, not at start (2 MB of PDF.js).
  const { getDocumentProxy } = await import('unpdf');
  let document: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    document = await getDocumentProxy(new Uint8Array(content), { verbosity: 0, isEvalSupported: false });
    const parts: string[] = [];
    let length = 0;
    for (let n = 1; n <= Math.min(document.numPages, limits.pages) && length < limits.characters; n++) {
      const page = await document.getPage(n);
      const { items } = await page.getTextContent();
      const text = items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      parts.push(text);
      length += text.length;
    }
    const text = withoutRadicals(parts.join('\n')).replace(/[ \t]+/g, ' ').trim().slice(0, limits.characters);
    return text || null;
  } catch {
    return null; // not a readable PDF: the document is still accepted, found by its name only
  } finally {
    await document?.destroy();
  }
}

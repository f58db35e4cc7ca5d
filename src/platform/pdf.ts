
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

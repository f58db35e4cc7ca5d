import { describe, expect, it } from 'vitest';
import { pdfText, withoutRadicals } from './pdf';

describe("a PDF's text for the search", () => {
  it('reads radicals that CJK fonts put in place of characters as the characters a visitor types', () => {
    // As PDF.js read a Chromium-printed 招标文件: Kangxi radicals (NFKC) and the Radicals Supplement (our pairs).
    expect(withoutRadicals('南⼭区公路⽇常养护⼯程，保证⾦⼈⺠币伍万元，⻔禁系统，⻓江')).toBe('南山区公路日常养护工程,保证金人民币伍万元,门禁系统,长江');
  });

  it('has no text for a file that is not a readable PDF, without failing the upload', async () => {
    expect(await pdfText(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(await pdfText(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF'))).toBeNull();
  });
});

import assert from 'node:assert/strict';
import { completeAt, hoverAt } from '../../../src/core/manifest/language';
import { SHOP } from '../manifests';

// VS Code drops a completion whose range is not on one line or does not contain the cursor.
describe('language: at every offset of a manifest, whole and cut short', () => {
  const texts = [SHOP, SHOP.slice(0, SHOP.indexOf('expose')), SHOP.replace(/\n/g, '\r\n'), SHOP.replace('containers:', 'containers: [oops')];
  it("completion ranges sit on the cursor's line and contain it; hover never throws", () => {
    let offered = 0;
    for (const text of texts) {
      for (let offset = 0; offset <= text.length; offset++) {
        if (text[offset - 1] === '\r') continue; // inside a CRLF: no cursor goes there
        const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset) - (text.includes('\r') ? 1 : 0);
        for (const entry of completeAt(text, offset)) {
          offered++;
          assert.ok(entry.replaceStart <= offset && offset <= entry.replaceEnd, `range around offset ${offset}`);
          assert.ok(entry.replaceStart >= lineStart && entry.replaceEnd <= lineEnd, `range on the line of offset ${offset}`);
        }
        hoverAt(text, offset);
      }
    }
    assert.ok(offered > 1000, `only ${offered} completions offered`);
  });
});

// @vitest-environment happy-dom
/**
 * The content script's view of the reply box: the text it reports (blocks and line breaks as the
 * agent reads them, the caret where it is) and the guard that refuses to edit a box whose text
 * changed since it was checked. Real editors are covered in tests/e2e/chromium-assist.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { readBox, replaceInBox } from '../../../src/content/draft-watch';

function editable(html: string): HTMLElement {
  document.body.innerHTML = `<div contenteditable="true" id="box">${html}</div>`;
  return document.getElementById('box')!;
}

function textarea(value: string): HTMLTextAreaElement {
  document.body.innerHTML = '<textarea id="t"></textarea>';
  const area = document.getElementById('t') as HTMLTextAreaElement;
  area.value = value;
  return area;
}

function caretAt(node: Node, offset: number): void {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
}

describe('readBox', () => {
  test('paragraphs and <br> become line breaks; the caret is counted in that text', () => {
    const box = editable('<p>Hello <strong>Nora</strong>,</p><p><br></p><p>Use ;refund</p>');
    const last = box.querySelectorAll('p')[2]!.firstChild!;
    caretAt(last, 'Use ;refund'.length);
    const read = readBox(box);
    expect(read.text).toBe('Hello Nora,\n\nUse ;refund');
    expect(read.caret).toBe(read.text.length);
    expect(read.text.slice(0, read.caret).endsWith(';refund')).toBe(true);
  });

  test('a caret set on an element (between children) is counted too', () => {
    const box = editable('<p>One</p><p>Two</p>');
    caretAt(box, 1);
    expect(readBox(box)).toMatchObject({ text: 'One\nTwo', caret: 3 });
  });

  test('a textarea is its value and its selection end', () => {
    const area = textarea('Hi ;refund and more');
    area.setSelectionRange(10, 10);
    expect(readBox(area)).toMatchObject({ text: 'Hi ;refund and more', caret: 10 });
  });
});

describe('replaceInBox', () => {
  test('refuses, changing nothing, when the box no longer holds the checked text', async () => {
    const box = editable('<p>our cheap lamps!</p>');
    expect(await replaceInBox(box, 'our cheap lamps', [{ start: 4, end: 9, text: 'affordable' }])).toBe(false);
    expect(box.innerHTML).toBe('<p>our cheap lamps!</p>');
  });

  test('refuses an edit outside the text', async () => {
    const area = textarea('short');
    expect(await replaceInBox(area, 'short', [{ start: 2, end: 40, text: 'x' }])).toBe(false);
    expect(area.value).toBe('short');
  });

  test('in a textarea, edits made against the checked text are applied last first', async () => {
    const area = textarea('our cheap lamps, cheap shades');
    // happy-dom has no execCommand: behave as a browser refusing it, so the setRangeText fallback runs.
    Object.assign(document, { execCommand: () => false });
    const ok = await replaceInBox(area, area.value, [
      { start: 4, end: 9, text: 'affordable' },
      { start: 17, end: 22, text: 'affordable' },
    ]);
    expect(ok).toBe(true);
    expect(area.value).toBe('our affordable lamps, affordable shades');
  });
});

/**
 * Hands text to a rich editor the way the editor expects text from outside: as a plain-text
 * paste. ProseMirror, Draft.js, Lexical, Slate, Quill, CKEditor 5 and TinyMCE all turn a paste
 * into a transaction on their own model (line breaks become paragraphs or soft breaks, one
 * undo step), whereas writing into their DOM (execCommand) leaves the model behind: the text
 * vanishes, or comes back twice, on the next keystroke.
 *
 * Only `text/plain` is offered: Slate handles a paste event itself only when it is plain text.
 */
type PageSide = { wrappedJSObject?: object };

/** Dispatches the paste at the caret; true when a listener took it (cancelled the default). */
export function dispatchPlainTextPaste(target: Element, text: string): boolean {
  const win = (target.ownerDocument.defaultView ?? window) as typeof globalThis;
  const transfer = new win.DataTransfer();
  // In Firefox the data must be set from the page's side: data set by the content script
  // belongs to its (more privileged) principal and reads as empty to the page's editor.
  const writable = ((transfer as unknown as PageSide).wrappedJSObject as DataTransfer | undefined) ?? transfer;
  writable.setData('text/plain', text);
  const event = new win.ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true, composed: true });
  // Firefox also drops `clipboardData` from script-made clipboard events. A content script sees
  // the page's event through an Xray wrapper; the page's side of it gets the data instead.
  const pageSide = (event as unknown as PageSide).wrappedJSObject;
  if (pageSide && event.clipboardData?.getData('text/plain') !== text) {
    // Enumerable, like the getter it shadows: TinyMCE copies events property by property.
    Object.defineProperty(pageSide, 'clipboardData', { value: transfer, configurable: true, enumerable: true });
  }
  return !target.dispatchEvent(event);
}
